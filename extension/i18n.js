// User-facing strings come from _locales/<lang>/messages.json (chrome.i18n), so the extension
// can be translated without code changes. Elements with data-i18n get their text filled in.
const api = globalThis.browser ?? globalThis.chrome;

/** The message `key`, with `$1`, `$2`… replaced by `subs`. Falls back to the key itself. */
export function t(key, ...subs) {
  return api.i18n.getMessage(key, subs.map(String)) || key;
}

/** Fills every `[data-i18n]` element's text (and `[data-i18n-title]` titles) under `root`. */
export function localize(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of root.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
}

/** Builds an element: attributes (false/null skipped), then children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}
