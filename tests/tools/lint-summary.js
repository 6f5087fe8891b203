// Reads `web-ext lint --output json` (run on dist-firefox/) and fails on any error or warning:
// the Firefox build must lint clean. Prints every message, or with --short one line for the
// build summary.
const { readFileSync } = require('node:fs');

const [file, flag] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, 'utf8'));
const errors = report.errors ?? [];
const warnings = report.warnings ?? [];
const notices = report.notices ?? [];
const counts = `${errors.length} errors, ${warnings.length} warnings, ${notices.length} notices`;
if (flag === '--short') {
  console.log(counts);
} else {
  for (const m of [...errors, ...warnings, ...notices]) {
    console.log(`${m._type ?? m.type}: ${m.code}: ${m.message}${m.file ? ` (${m.file})` : ''}`);
  }
  console.log(`web-ext lint: ${counts}`);
}
process.exit(errors.length || warnings.length ? 1 : 0);
