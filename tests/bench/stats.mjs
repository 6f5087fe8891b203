// Small statistics and the Markdown table for the benchmark report.

/** The median of a list of numbers (NaN when empty). */
export function median(values) {
  const sorted = values.map(Number).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `[min, max]` of a list of numbers. */
export function spread(values) {
  const numbers = values.map(Number);
  return [Math.min(...numbers), Math.max(...numbers)];
}

const fmt = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

/** One measurement as text: a single value as given, several as "median (min–max)". */
export function figure(values) {
  if (!values.length) return '';
  if (values.length === 1 || values.every((v) => typeof v === 'string')) return values.join(', ');
  const [lo, hi] = spread(values);
  return `${fmt(median(values))} (${fmt(lo)}–${fmt(hi)})`;
}

/** The report's rows as a Markdown table, grouped. */
export function table(rows) {
  const out = ['| | Measure | Figure | Unit | Budget | Note |', '|---|---|---|---|---|---|'];
  let group = null;
  for (const r of rows) {
    const cells = [r.group === group ? '' : `**${r.group}**`, r.name, figure(r.values), r.unit, r.budget, r.note];
    group = r.group;
    out.push(`| ${cells.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`);
  }
  return out.join('\n');
}
