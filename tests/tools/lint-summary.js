// Reads `web-ext lint --output json` and fails on any error. Prints the errors and warnings,
// or with --short one line for the build summary.
const { readFileSync } = require('node:fs');

const [file, flag] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, 'utf8'));
const errors = report.errors ?? [];
const warnings = report.warnings ?? [];
if (flag === '--short') {
  console.log(`${errors.length} errors, ${warnings.length} warnings`);
} else {
  for (const m of [...errors, ...warnings]) {
    console.log(`${m._type ?? m.type}: ${m.code}: ${m.message}${m.file ? ` (${m.file})` : ''}`);
  }
  console.log(`web-ext lint: ${errors.length} errors, ${warnings.length} warnings`);
}
process.exit(errors.length ? 1 : 0);
