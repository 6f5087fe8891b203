// The note coach: wherever LinkedIn opens its "Add a note" box (the connect dialog, on any page,
// in the page, in an open shadow root such as #interop-outlet, or in a same-origin /preload/
// iframe, where this script runs too), a panel under the box shows how the recipient's Invite
// Triage would score the note, why, its length against the account's limit, and one button per
// template. The engine decides everything (src/core/coach.rs); this script finds the box, sends
// the dialog's text and the note, and paints the answer.
//
// It never types into LinkedIn's box without the user's click on a template button, and never
// clicks Send. In quiet mode the worker answers {quiet: true} and nothing is added to the page.
'use strict';

(() => {
  if (globalThis.__inviteTriageCoach) return;
  globalThis.__inviteTriageCoach = true;

  const { api, el, shadowStyle } = globalThis.inviteTriagePlatform;
  /** The message `key` with `$1`… filled (falls back to the key). */
  const t = (key, ...subs) => api.i18n.getMessage(key, subs.map(String)) || key;

  const UI_ATTR = 'data-triage-ui';
  const COACH_ATTR = 'data-triage-coach';
  /** How long typing must pause before the note is scored again. */
  const DEBOUNCE_MS = 150;
  /** The dialog's snapshot is cut here: a dialog holds a few hundred characters of text. */
  const MAX_SNAPSHOT = 100_000;
  const DIALOG = 'dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"], .artdeco-modal';

  // ------------------------------------------------------------------ finding the box
  /**
   * Whether `node` is LinkedIn's note box: `textarea#custom-message` (about 2019 on), else a
   * `textarea[name=message]` inside a dialog, else a dialog's only textarea with a note limit
   * (`maxlength` 200 or 300), which is the dialog's structure whatever its names.
   * @param {Element} node
   * @returns {node is HTMLTextAreaElement}
   */
  function isNoteBox(node) {
    if (node.localName !== 'textarea' || node.closest(`[${UI_ATTR}]`)) return false;
    const area = /** @type {HTMLTextAreaElement} */ (node);
    if (area.id === 'custom-message') return true;
    const dialog = area.closest(DIALOG);
    if (!dialog) return false;
    if (area.name === 'message') return true;
    const limit = area.getAttribute('maxlength');
    return (limit === '200' || limit === '300') && dialog.querySelectorAll('textarea').length === 1;
  }

  /** Every live note box, with its panel's state. */
  const boxes = new Map();
  /** The roots watched: this document and the open shadow roots found in it (a few). */
  const watched = new Set();

  const observer = new MutationObserver(onMutations);

  /** Watches a document or an open shadow root (once), and looks for a box in it. */
  function watch(root) {
    if (!root || watched.has(root)) return;
    watched.add(root);
    observer.observe(root, { childList: true, subtree: true });
    scan(root);
  }

  /** Looks for boxes and open shadow roots in `root` (a document, shadow root or element). */
  function scan(root) {
    for (const area of root.querySelectorAll('textarea')) if (isNoteBox(area)) attach(area);
    const outlet = root.querySelector?.('#interop-outlet');
    if (outlet?.shadowRoot) watch(outlet.shadowRoot);
  }

  /**
   * Only additions that can hold a box or a shadow root cost a look (in every root watched:
   * a box added inside a shadow root is not in the document's `querySelectorAll`); removals
   * only cost a check of the boxes coached.
   */
  function onMutations(records) {
    let look = false;
    let prune = false;
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const added = /** @type {Element} */ (node);
        if (added.hasAttribute(UI_ATTR)) continue;
        if (added.shadowRoot) watch(added.shadowRoot);
        if (added.localName === 'textarea' || added.id === 'interop-outlet' || added.querySelector('textarea, #interop-outlet')) look = true;
      }
      if (record.removedNodes.length && boxes.size) prune = true;
    }
    if (look || prune) schedule(look);
  }

  let pending = false;
  let lookPending = false;
  /** One look per animation frame, however many mutations came. */
  function schedule(look) {
    lookPending ||= look;
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      for (const [area, state] of boxes) if (!area.isConnected) forget(area, state);
      if (!lookPending) return;
      lookPending = false;
      const outlet = document.getElementById('interop-outlet');
      if (outlet?.shadowRoot) watch(outlet.shadowRoot);
      for (const root of watched) {
        // A shadow root whose host left the page holds no box any more.
        if (root instanceof ShadowRoot && !root.host.isConnected) watched.delete(root);
        else scan(root);
      }
    });
  }

  function forget(area, state) {
    clearTimeout(state.timer);
    state.host?.remove();
    area.removeEventListener('input', state.onInput);
    boxes.delete(area);
  }

  // ------------------------------------------------------------------ one box's panel
  /** Starts coaching a box: scores it; the panel appears with the first answer (not in quiet mode). */
  function attach(area) {
    if (boxes.has(area)) return;
    const state = { area, host: null, shadow: null, timer: 0, seq: 0, onInput: () => later(state) };
    boxes.set(area, state);
    area.addEventListener('input', state.onInput);
    score(state);
  }

  function later(state) {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => score(state), DEBOUNCE_MS);
  }

  /** Asks the engine about the box's note now; only the latest answer is painted. */
  async function score(state) {
    const seq = ++state.seq;
    /** @type {EngineReply} */
    let reply;
    try {
      reply = await api.runtime.sendMessage({ type: 'coach', dialog: snapshot(state.area), note: state.area.value });
    } catch (e) {
      reply = { error: String(e?.message ?? e) };
    }
    if (seq !== state.seq || !state.area.isConnected) return;
    if (reply?.quiet) {
      state.host?.remove();
      state.host = state.shadow = null;
      return;
    }
    if (!reply?.coaching) {
      // Said in the panel, in place of a score that is no longer the note's.
      const why = reply?.error ?? 'no answer';
      console.warn('Invite Triage (note coach):', why);
      paintFailure(state, why);
      return;
    }
    paint(state, reply.coaching);
  }

  // ------------------------------------------------------------------ the dialog's snapshot
  /** The attributes the engine's reader reads (src/core/html.rs), and nothing else of the page. */
  const ATTRS = new Set(['aria-label', 'role', 'class', 'aria-modal', 'open', 'data-testid', 'hidden', 'aria-hidden', 'lang']);
  const DROP = new Set(['script', 'style', 'link', 'meta', 'noscript', 'template', 'iframe', 'svg', 'video', 'textarea', 'input', 'select', 'img']);
  const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
  const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const escapeValue = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

  /** Serialises `root`'s elements and text (what the reader uses), iteratively, into `out`. */
  function serialize(root, out) {
    // The first frame holds `root` itself (and not its siblings).
    /** @type {[ChildNode | null, string | null][]} */
    const stack = [[root, null]];
    let size = 0;
    while (stack.length && size < MAX_SNAPSHOT) {
      const frame = stack[stack.length - 1];
      const child = frame[0];
      if (!child) {
        stack.pop();
        if (frame[1]) out.push(`</${frame[1]}>`);
        continue;
      }
      frame[0] = child === root ? null : child.nextSibling;
      if (child.nodeType === Node.TEXT_NODE) {
        const text = escapeText(/** @type {Text} */ (child).data);
        size += text.length;
        out.push(text);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const node = /** @type {Element} */ (child);
        const tag = node.localName;
        if (DROP.has(tag) || node.hasAttribute(UI_ATTR) || !/^[a-z][a-z0-9-]*$/.test(tag)) continue;
        out.push('<', tag);
        for (const attr of node.attributes) if (ATTRS.has(attr.name)) out.push(' ', attr.name, '="', escapeValue(attr.value), '"');
        out.push('>');
        if (!VOID.has(tag)) stack.push([node.firstChild, tag]);
      }
    }
  }

  /** The dialog around the box: the nearest dialog, else the top of the box's tree. */
  function dialogOf(area) {
    const dialog = area.closest(DIALOG);
    if (dialog) return dialog;
    let top = area;
    while (top.parentElement && top.parentElement !== area.ownerDocument.body) top = top.parentElement;
    return top;
  }

  /** The profile's top card, on a `/in/` page (the top page's, when the box is in a frame). */
  function profileCard() {
    let doc = document;
    try {
      doc = window.top.document; // the /preload/ frame is same-origin with the profile page
    } catch {
      // Another origin: the frame's own document.
    }
    if (!doc.location.pathname.startsWith('/in/')) return null;
    const h1 = doc.querySelector('main h1');
    return h1?.closest('section') ?? h1?.parentElement ?? null;
  }

  /** The dialog (and the profile's top card) as the engine reads them. */
  function snapshot(area) {
    const lang = document.documentElement.getAttribute('lang');
    const out = [lang === null ? '<html><body>' : `<html lang="${escapeValue(lang)}"><body>`];
    out.push('<div data-testid="triage-coach-dialog">');
    serialize(dialogOf(area), out);
    out.push('</div>');
    const card = profileCard();
    if (card) {
      out.push('<section data-testid="triage-coach-profile">');
      serialize(card, out);
      out.push('</section>');
    }
    out.push('</body></html>');
    return out.join('');
  }

  // ------------------------------------------------------------------ paint
  /** LinkedIn's own theme wins over the system's: read it from the dialog's or page's background. */
  function themeOf(area) {
    for (const node of [dialogOf(area), area.ownerDocument.body]) {
      const bg = getComputedStyle(node).backgroundColor.match(/\d+(\.\d+)?/g);
      if (!bg || (bg.length === 4 && Number(bg[3]) === 0)) continue;
      const [r, g, b] = bg.map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
    }
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  /** A reason's signed points in the user's number format: "+20", "-35", "0". */
  const points = (() => {
    let format;
    try {
      format = new Intl.NumberFormat(api.i18n.getUILanguage(), { signDisplay: 'exceptZero' });
    } catch {
      format = new Intl.NumberFormat(undefined, { signDisplay: 'exceptZero' });
    }
    return (n) => format.format(n);
  })();

  /** The panel's host, right after the box's container, inside the dialog. */
  function createHost(area) {
    const host = el('div', { [UI_ATTR]: '', [COACH_ATTR]: '' });
    host.attachShadow({ mode: 'open' });
    const container = area.parentElement;
    const dialog = area.closest(DIALOG);
    if (container && container !== dialog && container !== area.ownerDocument.body) container.after(host);
    else area.after(host);
    return host;
  }

  const BUCKET_WORDS = { accept: 'bucketAccept', review: 'bucketReview', ignore: 'bucketIgnore' };

  /** @param {Coaching} c */
  function paint(state, c) {
    if (!state.host?.isConnected) {
      state.host = createHost(state.area);
      state.shadow = state.host.shadowRoot;
    }
    const { host, shadow } = state;
    delete host.dataset.triageError;
    host.dataset.triageScore = String(c.score);
    host.dataset.triageBucket = c.bucket;
    host.dataset.theme = themeOf(state.area);
    const word = t(BUCKET_WORDS[c.bucket] ?? c.bucket);
    const who = c.recipient?.first_name || c.recipient?.name;
    const over = c.length > c.limit;
    const title = el('p', { class: 'title', id: 'coach-title' }, who ? t('coachTitle', who) : t('coachTitleNobody'));
    const badge = el(
      'span',
      { class: `badge ${c.bucket}`, 'data-triage-coach-badge': c.bucket, role: 'img', 'aria-label': t('coachBadgeLabel', word, c.score) },
      el('span', { class: 'bucket' }, word),
      el('span', { class: 'score' }, String(c.score)),
    );
    const count = el(
      'span',
      { class: over ? 'count over' : 'count', 'data-triage-coach-length': String(c.length), 'aria-label': t('coachLengthLabel', c.length, c.limit) },
      `${c.length} / ${c.limit}`,
    );
    const reasons = el(
      'ul',
      { class: 'reasons', 'data-triage-coach-reasons': '', 'aria-label': t('coachReasons') },
      ...c.reasons.map((r) =>
        el('li', { 'data-points': String(r.points) }, el('span', { class: r.points < 0 ? 'pts neg' : r.points > 0 ? 'pts pos' : 'pts' }, points(r.points)), ' ', r.label),
      ),
    );
    const templates = el(
      'div',
      { class: 'templates', role: 'group', 'aria-label': t('coachTemplates'), 'data-triage-coach-templates': '' },
      el('span', { class: 'muted' }, t('coachTemplates')),
      ...c.templates.map((tpl) => {
        const button = el('button', { type: 'button', 'data-triage-coach-template': tpl.key, title: tpl.text }, t(`coachTpl_${tpl.key}`));
        button.addEventListener('click', () => fill(state, tpl.text));
        return button;
      }),
    );
    const panel = el(
      'section',
      { class: 'panel', 'aria-labelledby': 'coach-title' },
      el('div', { class: 'head' }, badge, title, count),
      el('p', { class: 'muted small base' }, t('csBase', c.base)),
      reasons,
      templates,
      el('p', { class: 'muted small' }, t('coachPrivacy')),
    );
    shadow.replaceChildren(...[shadowStyle(shadow, CSS), panel].filter(Boolean));
  }

  /** The engine could not score the note: the panel says so (`data-triage-bucket` goes). */
  function paintFailure(state, why) {
    if (!state.host?.isConnected) {
      state.host = createHost(state.area);
      state.shadow = state.host.shadowRoot;
    }
    delete state.host.dataset.triageScore;
    delete state.host.dataset.triageBucket;
    state.host.dataset.triageError = why;
    state.host.dataset.theme = themeOf(state.area);
    const shadow = state.shadow;
    shadow.replaceChildren(...[shadowStyle(shadow, CSS), el('p', { class: 'panel muted', role: 'status' }, t('coachFailed', why))].filter(Boolean));
  }

  /**
   * On the user's click only: puts `text` in LinkedIn's box the way typing reaches its framework
   * (the native value setter, then an `input` event), and focuses the box. Nothing is sent.
   */
  function fill(state, text) {
    const area = state.area;
    if (!area.isConnected) return;
    const view = area.ownerDocument.defaultView ?? window;
    const setter = Object.getOwnPropertyDescriptor(view.HTMLTextAreaElement.prototype, 'value')?.set;
    if (setter) setter.call(area, text);
    else area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    area.focus();
    area.setSelectionRange?.(text.length, text.length);
  }

  const CSS = `
:host { all: initial; display: block; margin: 8px 0; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --fg: #1d2226; --muted: #56687a; --bg: #ffffff; --line: #d0d7de; --panel: #f6f8fa;
  --accept-bg: #e6f4ea; --accept-fg: #0b5d1e; --review-bg: #fff4d6; --review-fg: #6b4a00;
  --ignore-bg: #fde8e8; --ignore-fg: #9b1c1c; --focus: #0a66c2; --over: #9b1c1c; color: var(--fg); }
:host([data-theme="dark"]) { --fg: #e8eaed; --muted: #b0b7bf; --bg: #1b1f23; --line: #444c56; --panel: #22272e;
  --accept-bg: #12351f; --accept-fg: #8fe3a8; --review-bg: #3a2e08; --review-fg: #f5d37a;
  --ignore-bg: #3d1616; --ignore-fg: #ffb3b3; --focus: #70b5f9; --over: #ffb3b3; }
* { box-sizing: border-box; }
.panel { padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; background: var(--panel); color: var(--fg); }
.head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.title { margin: 0; font-weight: 600; flex: 1 1 0; min-width: 12em; }
.base { margin: 4px 0 0; }
.badge { display: inline-flex; gap: 6px; font-weight: 600; border: 1px solid currentColor; border-radius: 14px; padding: 2px 10px; }
.badge .score { font-variant-numeric: tabular-nums; font-weight: 700; }
.badge.accept { background: var(--accept-bg); color: var(--accept-fg); }
.badge.review { background: var(--review-bg); color: var(--review-fg); }
.badge.ignore { background: var(--ignore-bg); color: var(--ignore-fg); }
.badge.accept::before { content: "\\2713"; }
.badge.review::before { content: "?"; }
.badge.ignore::before { content: "\\2715"; }
.count { font-variant-numeric: tabular-nums; color: var(--muted); }
.count.over { color: var(--over); font-weight: 700; }
.reasons { margin: 6px 0; padding: 0; list-style: none; }
.reasons li { padding: 1px 0; overflow-wrap: anywhere; }
.pts { display: inline-block; min-width: 3.2em; font-variant-numeric: tabular-nums; font-weight: 600; }
.pts.pos { color: var(--accept-fg); }
.pts.neg { color: var(--ignore-fg); }
.templates { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.muted { color: var(--muted); }
.small { margin: 6px 0 0; font-size: 12px; }
button { font: inherit; cursor: pointer; border-radius: 14px; padding: 3px 10px; min-height: 26px;
  border: 1px solid var(--line); background: var(--bg); color: var(--fg); }
button:hover { border-color: var(--muted); }
button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
`;

  // Settings saved (quiet mode, Premium, templates): every box is scored again.
  api.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'sync') return;
    for (const state of boxes.values()) score(state);
  });

  // A shadow root attached after its host was inserted (as #interop-outlet's may be) makes no
  // mutation in the document: the user's own clicks and focus inside it find it.
  const throughShadows = (event) => {
    for (const node of event.composedPath()) {
      if (node instanceof ShadowRoot && node.mode === 'open') watch(node);
    }
  };
  document.addEventListener('focusin', throughShadows, { capture: true, passive: true });
  document.addEventListener('click', throughShadows, { capture: true, passive: true });

  if (document.body) watch(document);
})();
