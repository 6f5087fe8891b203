// Styles of the badge, reasons panel and buttons painted on each card. They live in a shadow
// root, so LinkedIn's CSS does not reach in and ours does not leak out. Light and dark themes
// follow LinkedIn's own theme (the host's data-theme); colours meet WCAG AA contrast.
globalThis.__inviteTriageCss = `
:host {
  all: initial;
  display: block;
  margin: 8px 0 4px;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --fg: #1d2226; --muted: #56687a; --bg: #ffffff; --line: #d0d7de; --panel: #f6f8fa;
  --accept-bg: #e6f4ea; --accept-fg: #0b5d1e; --review-bg: #fff4d6; --review-fg: #6b4a00;
  --ignore-bg: #fde8e8; --ignore-fg: #9b1c1c; --primary-bg: #0a66c2; --primary-fg: #ffffff;
  --focus: #0a66c2; color: var(--fg);
}
:host([data-theme="dark"]) {
  --fg: #e8eaed; --muted: #b0b7bf; --bg: #1b1f23; --line: #444c56; --panel: #22272e;
  --accept-bg: #12351f; --accept-fg: #8fe3a8; --review-bg: #3a2e08; --review-fg: #f5d37a;
  --ignore-bg: #3d1616; --ignore-fg: #ffb3b3; --primary-bg: #70b5f9; --primary-fg: #0b1d33;
  --focus: #70b5f9;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
button {
  font: inherit; cursor: pointer; border-radius: 14px; padding: 3px 10px; min-height: 26px;
  border: 1px solid var(--line); background: var(--bg); color: var(--fg);
}
button:hover { border-color: var(--muted); }
button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
button[aria-disabled="true"] { opacity: .6; cursor: not-allowed; }
.badge { display: inline-flex; gap: 6px; font-weight: 600; border-width: 1px; }
.badge .score { font-variant-numeric: tabular-nums; font-weight: 700; }
.accept .badge { background: var(--accept-bg); color: var(--accept-fg); border-color: currentColor; }
.review .badge { background: var(--review-bg); color: var(--review-fg); border-color: currentColor; }
.ignore .badge { background: var(--ignore-bg); color: var(--ignore-fg); border-color: currentColor; }
.sent .badge { background: var(--panel); color: var(--fg); border-color: var(--line); }
.stale .badge { background: var(--review-bg); color: var(--review-fg); border-color: currentColor; }
.badge .age { font-weight: 400; }
.accept .badge::before { content: "\\2713"; }
.review .badge::before { content: "?"; }
.ignore .badge::before { content: "\\2715"; }
.action.primary { background: var(--primary-bg); color: var(--primary-fg); border-color: var(--primary-bg); font-weight: 600; }
.reasons {
  margin-top: 6px; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px;
  background: var(--panel); max-width: 560px;
}
.reasons-title { margin: 0 0 4px; font-weight: 600; }
.base { margin: 0 0 4px; opacity: .8; font-size: 12px; }
.reasons ul { margin: 0; padding: 0; list-style: none; }
.reasons li { padding: 1px 0; overflow-wrap: anywhere; }
.pts { display: inline-block; min-width: 3.2em; font-variant-numeric: tabular-nums; font-weight: 600; }
.pts.pos { color: var(--accept-fg); }
.pts.neg { color: var(--ignore-fg); }
.note { margin: 6px 0 0; color: var(--muted); overflow-wrap: anywhere; }
.status { margin: 4px 0 0; color: var(--muted); min-height: 0; }
.status:empty { display: none; }
.note-editor { display: flex; gap: 6px; align-items: flex-start; margin-top: 6px; flex-wrap: wrap; }
.note-editor textarea {
  flex: 1 1 260px; font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--line); border-radius: 6px; padding: 4px 6px;
}
`;
