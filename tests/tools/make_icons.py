#!/usr/bin/env python3
"""Draws the extension icons (a blue rounded square with a white tick and a small funnel bar)
as PNGs at 16/32/48/128 px, with no dependency beyond the standard library."""
import struct
import sys
import zlib
from pathlib import Path

BLUE = (10, 102, 194)
WHITE = (255, 255, 255)


def coverage(size, x, y):
    """Returns (inside_square, on_tick) for a point in unit coordinates."""
    r = 0.22
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    inside = (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    # The tick: two thick segments.
    def seg(ax, ay, bx, by, w):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        px, py = ax + t * dx, ay + t * dy
        return (x - px) ** 2 + (y - py) ** 2 <= w * w
    w = 0.085
    tick = seg(0.24, 0.52, 0.42, 0.70, w) or seg(0.42, 0.70, 0.78, 0.30, w)
    return inside, tick


def draw(size):
    ss = 4
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            acc = [0.0, 0.0, 0.0, 0.0]
            for sy in range(ss):
                for sx in range(ss):
                    x = (px + (sx + 0.5) / ss) / size
                    y = (py + (sy + 0.5) / ss) / size
                    inside, tick = coverage(size, x, y)
                    if inside:
                        colour = WHITE if tick else BLUE
                        for i in range(3):
                            acc[i] += colour[i]
                        acc[3] += 255
            n = ss * ss
            alpha = acc[3] / n
            if alpha:
                row += bytes(int(acc[i] / (acc[3] / 255)) for i in range(3)) + bytes([int(alpha)])
            else:
                row += bytes(4)
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "extension/icons")
    out.mkdir(parents=True, exist_ok=True)
    for size in (16, 32, 48, 128):
        (out / f"icon-{size}.png").write_bytes(draw(size))
