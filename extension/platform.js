// The platform layer, shared part: what differs between Chromium and Firefox, once, for every
// script of the extension. It is a classic script (listed before content.js in the manifest)
// and is imported for its effect by the worker and the pages (`import './platform.js'`); both
// read `globalThis.inviteTriagePlatform`. The one difference a single file cannot hold, where
// the engine runs, lives in chromium/engine-host.js and firefox/engine-host.js: the build puts
// each browser's own beside this file, so neither browser ships the other's code.
'use strict';

/**
 * Builds the platform object for `scope` (a realm's global), once per realm: see the last line.
 * @param {typeof globalThis} scope
 */
function inviteTriagePlatformOf(scope) {
  /**
   * The WebExtension API: Firefox's `browser` (promises), else Chromium's `chrome` (promises
   * too in MV3). Typed as Chromium's (the calls this extension makes exist in both), with the
   * extension's own storage items (types/globals.d.ts).
   */
  const api = /** @type {ExtensionApi} */ (scope.browser ?? scope.chrome);

  /**
   * Builds an element: attributes (false, null and undefined skipped, true as an empty value),
   * then children (strings become text nodes; null, undefined and false skipped). Page text only
   * ever goes in as text.
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
   * @param {...(Node | string | null | undefined | false)} children
   * @returns {HTMLElementTagNameMap[K]}
   */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === false || v === null || v === undefined) continue;
      node.setAttribute(k, v === true ? '' : String(v));
    }
    node.append(...children.filter(/** @returns {c is Node | string} */ (c) => c !== null && c !== undefined && c !== false));
    return node;
  }

  /** One constructed sheet per CSS text, shared by every shadow root of this realm. */
  const sheets = new Map();

  /**
   * Styles a shadow root with `css`: one constructed sheet, shared and adopted, and null is
   * returned; where adopting fails (Firefox content scripts could not always adopt a sheet made
   * in their own compartment) a `<style>` element, for the caller to put first in the root.
   * @param {ShadowRoot} shadow
   * @param {string} css
   * @returns {HTMLStyleElement | null}
   */
  function shadowStyle(shadow, css) {
    if (typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in shadow) {
      try {
        let sheet = sheets.get(css);
        if (!sheet) {
          sheet = new CSSStyleSheet();
          sheet.replaceSync(css);
          sheets.set(css, sheet);
        }
        shadow.adoptedStyleSheets = [sheet];
        return null;
      } catch {
        // Not adoptable here: fall back to a style element.
      }
    }
    return el('style', {}, css);
  }

  /**
   * Opens the weekly review: Chromium's side panel for `windowId`, or Firefox's sidebar. Both
   * browsers open it only in answer to the user's click, so call it straight from the handler.
   * @param {number} windowId
   * @returns {Promise<void> | undefined}
   */
  function openPanel(windowId) {
    const sidebar = /** @type {any} */ (scope).browser?.sidebarAction;
    if (sidebar?.open) return sidebar.open();
    return /** @type {any} */ (api).sidePanel?.open({ windowId });
  }

  return Object.freeze({ api, el, shadowStyle, openPanel });
}

globalThis.inviteTriagePlatform ??= inviteTriagePlatformOf(globalThis);
