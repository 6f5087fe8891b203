// User-facing strings come from _locales/<lang>/messages.json (chrome.i18n), so the extension
// can be translated without code changes. Elements with data-i18n get their text filled in.
import './platform.js';

const { api } = globalThis.inviteTriagePlatform;

/** The message `key`, with `$1`, `$2`… replaced by `subs`. Falls back to the key itself. */
export function t(key, ...subs) {
  return api.i18n.getMessage(key, subs.map(String)) || key;
}

/** Fills every `[data-i18n]` element's text (and `[data-i18n-title]` titles) under `root`. */
export function localize(root = document) {
  /** @param {string} selector */
  const all = (selector) => /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(selector));
  for (const node of all('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of all('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of all('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
}

/** Builds an element (the platform layer's `el`, shared with the content script). */
export const { el } = globalThis.inviteTriagePlatform;
