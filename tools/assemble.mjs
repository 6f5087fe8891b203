// Assembles one browser's unpacked extension from the one source: manifest.json (its
// `per_browser` part merged in for that browser), extension/ (without the browser folders), the
// browser's own folder (extension/chromium/ or extension/firefox/) beside it, and the engine's
// pkg/ (JS and wasm only). Every file the manifest names must be there. The content scripts,
// which every LinkedIn page parses, are minified (terser); the store packages ship the source
// beside them for review (`./build.sh package`).
//
//   node tools/assemble.mjs <chromium|firefox> <out-dir> <pkg-dir>
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'extension');
export const BROWSERS = ['chromium', 'firefox'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `base` with `extra` merged in: objects key by key, arrays appended, anything else replaced. */
function merge(base, extra) {
  if (Array.isArray(base) && Array.isArray(extra)) return [...base, ...extra.filter((v) => !base.includes(v))];
  if (!isObject(base) || !isObject(extra)) return structuredClone(extra);
  const out = structuredClone(base);
  for (const [key, value] of Object.entries(extra)) out[key] = key in out ? merge(out[key], value) : structuredClone(value);
  return out;
}

/**
 * The manifest `browser` loads: the source without `per_browser`, with `per_browser[browser]`
 * merged in.
 * @param {Record<string, any>} source the parsed manifest.json
 * @param {string} browser `chromium` or `firefox`
 */
export function manifestFor(source, browser) {
  if (!BROWSERS.includes(browser)) throw new Error(`unknown browser "${browser}" (expected ${BROWSERS.join(' or ')})`);
  const { per_browser: perBrowser = {}, ...common } = source;
  return merge(common, perBrowser[browser] ?? {});
}

/** Every extension file a manifest names (scripts, pages, icons), relative to its folder. */
export function filesNamed(manifest) {
  const names = [
    ...(manifest.content_scripts ?? []).flatMap((cs) => [...(cs.js ?? []), ...(cs.css ?? [])]),
    ...(manifest.background?.scripts ?? []),
    manifest.background?.service_worker,
    manifest.background?.page,
    manifest.action?.default_popup,
    manifest.options_ui?.page,
    manifest.side_panel?.default_path,
    manifest.sidebar_action?.default_panel,
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
  ];
  return [...new Set(names.filter(Boolean))];
}

/**
 * The CSS of a `globalThis.__inviteTriageCss = \`…\`` template (badge-style.js) without its line
 * breaks, indentation and the spaces around braces and semicolons; anything else as it is.
 */
function squeezeCss(source) {
  return source.replace(/(__inviteTriageCss = `)([^`]*)(`)/, (_, open, css, close) => {
    const squeezed = css
      .replace(/\/\*[^]*?\*\//g, '')
      .replace(/\s*\n\s*/g, ' ')
      .replace(/\s*([{};])\s*/g, '$1')
      .trim();
    return `${open}${squeezed}${close}`;
  });
}

const exists = (file) => stat(file).then(() => true, () => false);

/** Writes `out` (emptied first): the unpacked extension for `browser`. */
export async function assemble(browser, out, pkg) {
  const source = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
  const manifest = manifestFor(source, browser);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const shared = (await readdir(SOURCE)).filter((name) => !BROWSERS.includes(name));
  for (const name of shared) await cp(path.join(SOURCE, name), path.join(out, name), { recursive: true });
  for (const name of await readdir(path.join(SOURCE, browser))) {
    if (shared.includes(name)) throw new Error(`extension/${browser}/${name} would replace the shared extension/${name}`);
    await cp(path.join(SOURCE, browser, name), path.join(out, name), { recursive: true });
  }
  await mkdir(path.join(out, 'pkg'));
  for (const name of await readdir(pkg)) {
    if (/\.(js|wasm)$/.test(name)) await cp(path.join(pkg, name), path.join(out, 'pkg', name));
  }
  for (const name of new Set((manifest.content_scripts ?? []).flatMap((cs) => cs.js ?? []))) {
    const file = path.join(out, name);
    const { code } = await minify(squeezeCss(await readFile(file, 'utf8')), { ecma: 2022, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    await writeFile(file, `${code}\n`);
  }
  await writeFile(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const missing = [];
  for (const name of filesNamed(manifest)) if (!(await exists(path.join(out, name)))) missing.push(name);
  if (missing.length) throw new Error(`the ${browser} manifest names files that are not there: ${missing.join(', ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [browser, out, pkg] = process.argv.slice(2);
  if (!browser || !out || !pkg) {
    console.error('usage: node tools/assemble.mjs <chromium|firefox> <out-dir> <pkg-dir>');
    process.exit(2);
  }
  assemble(browser, path.resolve(out), path.resolve(pkg)).catch((e) => {
    console.error(`assemble ${browser}: ${e.message}`);
    process.exit(1);
  });
}
