// Invite Triage content script: transport and painter only. It watches LinkedIn, sends a
// snapshot of the invitations page to the engine, and applies the paint plan it gets back.
// Every decision (which element is an invitation, its score, reasons, buttons and messages)
// is made by the Rust engine. Page text is only ever set with textContent.
(() => {
  'use strict';
  if (globalThis.__inviteTriageLoaded) return;
  globalThis.__inviteTriageLoaded = true;

  const { api, el, shadowStyle } = globalThis.inviteTriagePlatform;
  /**
   * A user-facing string from _locales (chrome.i18n), with `$1`… filled from `subs`. Strings
   * without substitutions are looked up once: a long page asks for the same few hundreds of times.
   */
  const fixed = new Map();
  const t = (key, ...subs) => {
    if (subs.length) return api.i18n.getMessage(key, subs.map(String)) || key;
    if (!fixed.has(key)) fixed.set(key, api.i18n.getMessage(key) || key);
    return fixed.get(key);
  };
  const root = document.documentElement;
  const UI_ATTR = 'data-triage-ui';
  const INDEX_ATTR = 'data-ti';
  /** Marks a card in the snapshot that was painted before and is unchanged (sent empty). */
  const KNOWN_ATTR = 'data-triage-known';
  /** Marks an element of a long page that the next part of the snapshot sends (sent empty). */
  const LATER_ATTR = 'data-triage-later';
  /**
   * How long one request may take before it is sent again: a couple of seconds, plus time for
   * the size of the snapshot (a 2,000-card page is about 3 MB).
   */
  const attemptTimeout = (message) => 2500 + (message.html?.length ?? 0) / 1000;

  /** The invitation manager: received invitations, or sent ones (the engine tells them apart). */
  const isInvitationsPage = () => location.pathname.startsWith('/mynetwork/invitation-manager');

  // ------------------------------------------------------------------ follow the page
  let observer = null;
  let frameRequested = false;
  let inFlight = false;
  let passAgain = false;
  let lastHref = location.href;
  /** Card roots painted on this page and unchanged since: later snapshots send them as stubs. */
  let known = new Set();
  /** Known cards something changed inside: read again in full. */
  let dirty = new WeakSet();
  /** What changed while a pass was in flight: checked again once that pass's cards are known. */
  let lateChanges = [];
  /** Settings changed, the page was left, or the engine failed: read every card again. */
  let fullPassNeeded = true;
  /** The last partial snapshot the engine answered, and its elements (see `sameAsLast`). */
  let lastAnswered = null;
  /**
   * A long page is sent in parts (the engine's `core::partial`): once a snapshot has sent
   * PART_MIN elements in full and taken PART_MS, every element after goes as an empty
   * `data-triage-later` stub, for the next part. So the top of the page is painted first and
   * no snapshot is a long task, on a fast machine or a slow one; a page of ordinary length
   * goes whole. The first part is the smallest: it holds what the user sees first. The others
   * stop at 150 ms: each part costs a round trip and a layout of the whole list, so parts that
   * stopped at 40 ms (under a long task's 50) painted a 2,000-card page in twice the time
   * (BENCHMARKS.md, "Read in parts").
   */
  const PART_MIN = 600;
  const PART_MS = { first: 0, next: 150 };
  /** Where the last part was cut (its first later stub): the next part counts from there. */
  let resumeAt = null;
  /** Known cards that left the page while the page was read in parts: the whole read decides. */
  let departed = new Set();
  /** The phases of the passes of one read in parts, summed (see `timings`). */
  let parts = null;
  /**
   * Quiet mode, as the last plan said (setting `quiet`): nothing is added to LinkedIn's page,
   * no badge and no attribute; the side panel and the popup show the triage.
   */
  let quiet = false;
  /** Each card root read, by the id the engine gave it (the side panel's actions name ids). */
  let rootsById = new Map();
  /** The week against the budget, as the last plan said (`confirm`: the question past it). */
  let week = { accepted: 0, budget: 0 };
  /** LinkedIn's friction on the page (dialogs, alerts), as the last plan named it: elements → text. */
  let frictions = new Map();
  /**
   * LinkedIn's withdraw confirmations open on the Sent tab, as the last plan named them: the
   * dialog, its confirming control, and the card it is for (when its label names one).
   * @type {{dialog: Element, control: Element, id: string | null}[]}
   */
  let confirms = [];
  /** Which tab the last plan was for (`received` or `sent`): the engine says, per plan. */
  let pageKind = 'received';
  /**
   * Whether a snapshot would tell the engine nothing new: the text of the last one answered,
   * naming the very same elements (a card replaced by its copy reads the same but is another
   * element), with every known card's badge still in place.
   */
  function sameAsLast(html, elements) {
    const last = lastAnswered;
    if (!last || last.html !== html || last.elements.length !== elements.length) return false;
    return elements.every((el, i) => el === last.elements[i]) && (quiet || [...known].every((card) => liveHost(card)));
  }

  function start() {
    fullPassNeeded = true;
    if (observer) return;
    observer = new MutationObserver(onMutations);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    schedulePass();
  }

  function stop() {
    observer?.disconnect();
    observer = null;
    for (const attr of PAGE_ATTRS) delete root.dataset[attr];
    stopBatch('navigation');
  }

  /** What we set on `<html>` (the page contract). */
  const PAGE_ATTRS = ['triageStatus', 'triageCount', 'triageUnreadable', 'triageLang'];

  const isOwnNode = (node) => node.nodeType === 1 && node.hasAttribute(UI_ATTR);
  /** Hosts we took off ourselves (copies, strays): their removal is no change to read. */
  const removedByUs = new WeakSet();
  const isOurRemoval = (node) => removedByUs.has(node);
  function onMutations(records) {
    let foreign = false;
    for (const r of records) {
      // Only our own badges being added (or a stray copy of one taken off by us) is ours; one
      // taken off by the page (LinkedIn re-rendering a card) marks its card, like any change.
      if (r.type === 'childList' && [...r.addedNodes].every(isOwnNode) && [...r.removedNodes].every(isOurRemoval)) continue;
      if (!concernsInvitations(r.target)) continue;
      foreign = true;
      markDirty(r.target);
      if (inFlight) lateChanges.push(r.target);
    }
    // A list or a known card taken out of the page (LinkedIn swapped the region): look again.
    if (!foreign && watching() && [...lists, ...known].some((el) => !el.isConnected)) {
      fullPassNeeded = true;
      foreign = true;
    }
    if (foreign) schedulePass();
  }

  /** The region a list of cards sits in: its list, section or main (wrappers come and go). */
  const LIST_REGION = 'ul, ol, [role="list"], section, main, [role="main"]';
  /**
   * The regions that hold the cards read (see LIST_REGION). Once some are known, only changes in
   * them and in known cards cost a pass: the feed, the nav, notifications and chat overlays
   * cost nothing. Until then (the first read, after a navigation or a settings change) every
   * change in the body counts.
   */
  let lists = new Set();
  const watching = () => known.size > 0 && !fullPassNeeded;
  function concernsInvitations(node) {
    // While an action waits for LinkedIn's answer, or a batch runs, LinkedIn's friction may
    // show up anywhere (a dialog, an alert): every change counts.
    if (!watching() || watchers.size || batch?.running) return true;
    for (let n = node; n; n = n.parentNode) if (lists.has(n) || known.has(n)) return true;
    return false;
  }

  /** The known card holding `node`, if any, is read again on the next pass. */
  function markDirty(node) {
    for (let n = node; n && n !== document.body; n = n.parentNode) {
      if (known.has(n)) {
        dirty.add(n);
        return;
      }
    }
  }

  /** At most one pass per animation frame, and never two at once. */
  function schedulePass() {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(() => {
      frameRequested = false;
      runPass();
    });
  }

  async function runPass() {
    if (inFlight) {
      passAgain = true;
      return;
    }
    inFlight = true;
    try {
      const began = performance.now();
      const { html, elements, stubs, cut, longestSlice: snapshotSlice } = snapshot();
      // The same partial snapshot of the same elements as the last one answered, with every
      // badge still in place: nothing new, no engine, no write.
      if (stubs && sameAsLast(html, elements)) return;
      const sent = performance.now();
      const reply = await send({ type: 'triage', html, url: location.href });
      const answered = performance.now();
      if (!isInvitationsPage()) return;
      if (typeof reply?.quiet === 'boolean') quiet = reply.quiet;
      if (!reply || reply.error) return blocked(reply?.error ?? 'the engine did not answer');
      const partial = Boolean(reply.plan.partial && cut);
      const longestSlice = await applyPlan(reply.plan, elements, stubs, partial);
      lastAnswered = stubs && !partial ? { html, elements } : null;
      timings({ began, sent, answered, painted: performance.now(), engineMs: reply.engineMs, bytes: html.length, longestSlice, snapshotSlice }, partial);
      // One part of a long page painted: the next part follows at once.
      resumeAt = partial ? cut : null;
      if (partial) passAgain = true;
    } catch (e) {
      blocked(e?.message ?? String(e));
    } finally {
      inFlight = false;
      if (passAgain && observer) {
        passAgain = false;
        schedulePass();
      }
    }
  }

  /**
   * The last read's phases as User Timing measures (`invite-triage:snapshot|engine|paint`), seen
   * in DevTools' performance panel and read by the benchmarks; only the latest are kept. A page
   * read in parts is one read: each phase sums its passes, with the longest task among them.
   */
  function timings({ began, sent, answered, painted, engineMs, bytes, longestSlice, snapshotSlice }, partial) {
    const pass = { snapshot: sent - began, engine: answered - sent, paint: painted - answered, engineMs, bytes, snapshotSlice, longestSlice };
    const sum = parts ? { ...parts, passes: parts.passes + 1 } : { begun: began, snapshot: 0, engine: 0, paint: 0, engineMs: 0, bytes: 0, snapshotSlice: 0, longestSlice: 0, passes: 1 };
    for (const key of ['snapshot', 'engine', 'paint', 'engineMs', 'bytes']) sum[key] += pass[key] ?? 0;
    for (const key of ['snapshotSlice', 'longestSlice']) sum[key] = Math.max(sum[key], pass[key] ?? 0);
    parts = partial ? sum : null;
    if (partial) return;
    const phases = [
      ['snapshot', sum.snapshot, { bytes: sum.bytes, longestSlice: sum.snapshotSlice, passes: sum.passes }],
      ['engine', sum.engine, { engineMs: sum.engineMs }],
      ['paint', sum.paint, { longestSlice: sum.longestSlice }],
    ];
    let start = sum.begun;
    for (const [name, duration, detail] of phases) {
      performance.clearMeasures(`invite-triage:${name}`);
      performance.measure(`invite-triage:${name}`, { start, duration, detail });
      start += duration;
    }
  }

  function onNavigation() {
    if (location.href === lastHref) return;
    lastHref = location.href;
    fullPassNeeded = true;
    resumeAt = null;
    if (isInvitationsPage()) {
      start();
      schedulePass();
    } else {
      stop();
    }
  }

  // LinkedIn is a single-page app: no load event when the user clicks through to invitations.
  if (globalThis.navigation?.addEventListener) {
    navigation.addEventListener('navigatesuccess', onNavigation);
  }
  addEventListener('popstate', onNavigation);
  setInterval(onNavigation, 1000); // cheap fallback: one string comparison a second

  // Rules saved in the options page re-score the open page without a reload.
  api.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'sync' || !observer) return;
    fullPassNeeded = true;
    schedulePass();
  });

  // The popup and the side panel: show a card, act on one, run or stop a batch.
  api.runtime.onMessage.addListener((/** @type {TabMessage} */ message, _sender, sendResponse) => {
    if (!observer) return false;
    const reply = tabHandlers[message?.type]?.(message);
    if (!reply) return false;
    Promise.resolve(reply)
      .catch((e) => ({ error: String(e?.message ?? e) }))
      .then(sendResponse);
    return true;
  });

  /** What the popup and the side panel may ask of this tab, by message type. */
  const tabHandlers = {
    /** Scroll to one card and open its reasons. */
    reveal(message) {
      const card = rootsById.get(String(message.id));
      if (!card?.isConnected) return { onPage: false };
      const badge = /** @type {HTMLElement | null | undefined} */ (painted.get(card)?.host?.shadowRoot?.querySelector('[data-triage-badge]'));
      card.scrollIntoView({ block: 'center', behavior: 'smooth' });
      if (badge) {
        badge.focus({ preventScroll: true });
        badge.click(); // pins the reasons open
      }
      return { onPage: true };
    },
    /** Which of these cards are on the page now. */
    present(message) {
      return { ids: (message.ids ?? []).filter((id) => rootsById.get(String(id))?.isConnected) };
    },
    /** The side panel acts on one card: the same action as our button on it. */
    act(message) {
      const cardRoot = rootsById.get(String(message.id));
      const state = cardRoot?.isConnected ? painted.get(cardRoot) : null;
      const action = state?.actions.find((a) => a.action === message.action);
      if (!state || !action) return { outcome: 'not-on-page' };
      return act(action, state.card, state, uiOf(state), { confirmed: Boolean(message.confirmed) });
    },
    batchStart(message) {
      return startBatch(message.plan);
    },
    batchStop() {
      stopBatch('stop');
      return { ok: true };
    },
  };

  // ------------------------------------------------------------------ transport
  /**
   * Sends a message to the worker. A lost message, a worker restarted mid-request or a slow
   * answer is retried once; the second failure rejects with the reason.
   * @template {WorkerMessage} M
   * @param {M} message
   * @returns {Promise<WorkerReplies[M['type']]>}
   */
  async function send(message) {
    try {
      return await attempt(message);
    } catch {
      return attempt(message);
    }
  }

  /** @param {WorkerMessage} message */
  function attempt(message) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the engine did not answer in time')), attemptTimeout(message));
      api.runtime.sendMessage(message).then(
        (reply) => {
          clearTimeout(timer);
          if (reply === undefined) reject(new Error('the extension did not answer'));
          else resolve(reply);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  function blocked(reason) {
    fullPassNeeded = true;
    lastAnswered = null;
    if (!quiet) root.dataset.triageStatus = 'blocked';
    console.warn(`Invite Triage: the triage engine could not run here: ${reason}`);
    // Tell the popup why (best effort: the worker may be the part that is down).
    api.runtime.sendMessage({ type: 'status', status: 'blocked', reason: String(reason) }).catch(() => {});
  }

  /**
   * A copy of the page for the engine: every element of the live body is numbered in the copy
   * (`data-ti`), so the plan can name live elements by index. Cards painted before and unchanged
   * since go as empty stubs (`data-triage-known`), so "Show more" costs what the new cards cost.
   */
  function snapshot() {
    const stubs = fullPassNeeded ? [] : [...known].filter((card) => card.isConnected && !dirty.has(card));
    // The next part of a long page counts from where the last was cut; a cut taken off the
    // page meanwhile ends the parts (the rest goes at once, so a read in parts always ends).
    const resume = fullPassNeeded ? null : resumeAt;
    /** How long this part may take (ms), or null: the rest of the page at once. */
    let budget = PART_MS.first; // a first read: the first screen
    if (resume && !resume.isConnected) budget = null;
    else if (resume || stubs.length) budget = PART_MS.next;
    if (!resume) parts = null;
    // Consumed here: a settings change or a navigation from now on asks the next pass for all.
    fullPassNeeded = false;
    resumeAt = null;
    dirty = new WeakSet(); // changes from now on mark cards for the next pass
    lateChanges = [];
    return serialize(new Set(stubs), budget, resume?.isConnected ? resume : null);
  }

  /**
   * A snapshot: the HTML sent, the live elements its `data-ti` indices name, the cards sent as
   * stubs (null when none), where it was cut (its first later stub; null when whole), and how
   * long it took (ms).
   * @typedef {{html: string, elements: Element[], stubs: Set<Element> | null, cut: Element | null, longestSlice: number}} Snapshot
   */

  /**
   * The attributes the engine reads (src/core/html.rs `ATTR_NAMES`, a Rust test keeps the two
   * in step); every other attribute stays out of the snapshot. `src` goes as a flag: the
   * engine asks only whether an image has one.
   */
  const SNAPSHOT_ATTRS = new Set([
    'aria-label', 'href', 'role', 'class', 'aria-hidden', 'alt', 'data-testid', 'componentkey',
    'data-invitation-id', 'data-urn', 'data-entity-urn', 'lang', 'hidden', 'inert', 'style',
    'aria-modal', 'data-triage-id', 'aria-pressed', 'aria-selected', 'aria-current', 'open',
    'aria-live',
  ]);
  /** Elements never sent: scripts, media, raw text that never holds an invitation. */
  const DROP_TAGS = new Set(['script', 'style', 'link', 'meta', 'noscript', 'template', 'iframe', 'svg', 'video', 'xmp', 'noembed', 'noframes', 'plaintext']);
  /** Elements without an end tag, as the engine's reader (and HTML) has them. */
  const VOID_TAGS = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
  const escapeText = (text) => (/[&<>]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text);
  const escapeValue = (value) => (/[&"]/.test(value) ? value.replace(/&/g, '&amp;').replace(/"/g, '&quot;') : value);

  /**
   * Serialises the page for the engine in one walk of the live body: the elements and text the
   * reader uses, each element numbered (`data-ti`, its index in `elements`), only the
   * attributes it reads, and the cards in `stubs` as empty stubs (`data-triage-known`). Once
   * PART_MIN elements went in full (counted from `resume` when given) and the walk took
   * `budget` ms, every element met is an empty `data-triage-later` stub and text is left out:
   * the rest of the page, for the next part (`budget` null: the page goes whole). The `<html>`
   * element comes with its `lang`. Iterative, so a page nested thousands deep cannot overflow
   * the stack.
   * @param {Set<Element>} stubs
   * @param {number | null} budget
   * @param {Element | null} resume
   * @returns {Snapshot}
   */
  function serialize(stubs, budget, resume) {
    const began = performance.now();
    const elements = [];
    const out = [];
    let counting = !resume;
    let full = 0;
    /** @type {Element | null} */
    let cut = null;
    const lang = document.documentElement.getAttribute('lang');
    out.push(lang === null ? '<html>' : `<html lang="${escapeValue(lang)}">`);
    const open = (node) => {
      const tag = node.localName;
      out.push('<', tag, ' ', INDEX_ATTR, '="', String(elements.push(node) - 1), '"');
      for (const attr of node.attributes) {
        if (SNAPSHOT_ATTRS.has(attr.name)) out.push(' ', attr.name, '="', escapeValue(attr.value), '"');
        else if (attr.name === 'src' && attr.value) out.push(' src="1"');
      }
      // In quiet mode the page carries no data-triage-id: the snapshot names the cards read.
      if (quiet && known.has(node) && !node.hasAttribute('data-triage-id')) {
        const id = painted.get(node)?.id;
        if (id) out.push(' data-triage-id="', escapeValue(id), '"');
      }
      return tag;
    };
    const body = document.body;
    const stack = [[body.firstChild, open(body)]];
    out.push('>');
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const child = frame[0];
      if (!child) {
        stack.pop();
        out.push('</', frame[1], '>');
        continue;
      }
      frame[0] = child.nextSibling;
      if (child.nodeType === Node.TEXT_NODE) {
        if (!cut) out.push(escapeText(/** @type {Text} */ (child).data));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const el = /** @type {Element} */ (child);
        if (DROP_TAGS.has(el.localName) || el.hasAttribute(UI_ATTR) || el.namespaceURI !== body.namespaceURI) continue;
        if (el === resume) counting = true;
        const stub = stubs.has(el);
        if (!stub && !cut && counting && partEnds(++full, budget, began)) cut = el;
        if (cut && !stub) {
          out.push('<', el.localName, ' ', LATER_ATTR, '="">');
          if (!VOID_TAGS.has(el.localName)) out.push('</', el.localName, '>');
          continue;
        }
        const tag = open(el);
        if (stub) out.push(' ', KNOWN_ATTR, '=""></', tag, '>');
        else if (VOID_TAGS.has(tag)) out.push('>');
        else {
          out.push('>');
          stack.push([el.firstChild, tag]);
        }
      }
    }
    out.push('</html>');
    const html = out.join('');
    return { html, elements, stubs: stubs.size ? stubs : null, cut, longestSlice: performance.now() - began };
  }

  /**
   * Whether a part ends before its `full`th element sent in full: past PART_MIN, once its time
   * (`budget` ms since `began`; null: never) is up. The clock is read every 64 elements.
   */
  const partEnds = (full, budget, began) => budget !== null && full > PART_MIN && full % 64 === 0 && performance.now() - began > budget;

  // ------------------------------------------------------------------ resolved on LinkedIn
  /** How long after LinkedIn's Accept or Ignore was clicked a card that goes away counts as resolved. */
  const RESOLVE_WINDOW_MS = 60_000;
  /**
   * LinkedIn's own Accept or Ignore clicked inside a known card, by the user or through our
   * buttons: card root → `{id, how, at}`. (A card that goes away without such a click may only
   * have been scrolled out of a windowed list, so it is not taken for resolved.)
   */
  const clicked = new WeakMap();
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      for (let n = target; n && n !== document.body; n = n.parentElement) {
        if (!known.has(n)) continue;
        const state = painted.get(n);
        // The actions that answer the invitation name LinkedIn's Accept (accept, accept & thank)
        // and Ignore (decline) controls: was one of those clicked?
        const answered = state?.actions.find((a) => a.resolves && state.controls.get(a.control)?.contains(target));
        // A click of the user's own on LinkedIn's control is trusted; ours (`control.click()`)
        // is not, and is recorded by the action that made it.
        if (answered) {
          const how = { decline: 'ignored', withdraw: 'withdrawn' }[answered.action] ?? 'accepted';
          clicked.set(n, { id: state.id, how, at: Date.now(), via: event.isTrusted ? 'linkedin' : 'extension' });
        }
        return;
      }
    },
    true,
  );

  // ------------------------------------------------------------------ paint
  /** What was painted on each card root, so an unchanged card is left alone. */
  const painted = new WeakMap();

  /** The theme the badges were last painted in. */
  let lastTheme = null;
  /** The longest stretch of painting before LinkedIn gets the main thread back. */
  const SLICE_MS = 12;
  const yieldToPage = () =>
    globalThis.scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));

  /**
   * Paints the plan in slices of at most SLICE_MS, so a long page never blocks LinkedIn; the
   * page status is set once every card is painted. A `partial` plan (one part of a long page)
   * paints its cards and concludes nothing page-wide: the page status, LinkedIn's dialogs and
   * what went away wait for the whole read.
   */
  async function applyPlan(plan, elements, stubs, partial) {
    // The first slice is this whole task, from the answer on: what comes before the cards counts.
    let slice = performance.now();
    if (plan.unreadable) console.warn(t('csUnreadable', plan.unreadable));
    bucketWords = plan.bucket_words;
    actionWords = plan.action_words ?? {};
    const wasQuiet = quiet;
    quiet = Boolean(plan.quiet);
    week = plan.week ?? week;
    if (!partial) {
      frictions = new Map((plan.frictions ?? []).filter((f) => elements[f.at]).map((f) => [elements[f.at], f.text]));
      confirms = (plan.confirms ?? []).filter((c) => elements[c.dialog] && elements[c.control]).map((c) => ({ dialog: elements[c.dialog], control: elements[c.control], id: c.id ?? null }));
    }
    // The Sent tab's invitations are painted as the received ones are, with their own badge.
    pageKind = plan.page === 'sent' ? 'sent' : 'received';
    const cards = isSent() ? plan.sent ?? [] : plan.cards;
    // Known from now on: the stubs, and every card of this plan; what changed meanwhile is dirty.
    const before = new Set([...known, ...departed]);
    departed = new Set();
    known = new Set(stubs ?? []);
    for (const card of cards) if (elements[card.at.root]) known.add(elements[card.at.root]);
    if (partial) {
      // The rest of the page is read next: a known card this part did not read stays known
      // (read again in full if it was sent so), and one that left the page waits for the whole read.
      for (const card of before) {
        if (known.has(card)) continue;
        if (!card.isConnected) departed.add(card);
        else {
          known.add(card);
          if (!stubs?.has(card)) dirty.add(card);
        }
      }
    }
    lateChanges.forEach(markDirty);
    lateChanges = [];
    lists = new Set([...known].map((card) => card.parentElement?.closest(LIST_REGION) ?? card.parentElement).filter(Boolean));
    // A card read again that is no card any more (LinkedIn resolved it: "Ana is now a
    // connection", or it collapsed) loses our suggestions at once. One that went away after
    // LinkedIn's own Accept or Ignore was clicked in it is resolved: the queue is told.
    const resolved = [];
    for (const card of before) {
      if (known.has(card) || departed.has(card)) continue;
      const click = clicked.get(card);
      if (click && !card.isConnected && Date.now() - click.at < RESOLVE_WINDOW_MS) resolved.push({ id: click.id, how: click.how, via: click.via });
      unpaint(card);
    }
    // Quiet mode turned on: take everything of ours off the page (the cards stay known).
    if (quiet && !wasQuiet) for (const card of known) stripPage(card);
    if (resolved.length) send({ type: 'resolved', resolved }).catch(() => {});
    const theme = pageTheme();
    if (theme !== lastTheme) {
      // LinkedIn's theme changed: cards sent as stubs keep their badges, in the new colours.
      for (const card of known) card.querySelector(`:scope > [${UI_ATTR}]`)?.setAttribute('data-theme', theme);
      lastTheme = theme;
    }
    let longestSlice = 0;
    for (const card of cards) {
      const now = performance.now();
      if (now - slice > SLICE_MS) {
        longestSlice = Math.max(longestSlice, now - slice);
        await yieldToPage();
        if (!observer) return longestSlice; // the user left the invitations page meanwhile
        slice = performance.now();
      }
      paintSafely(card, elements, theme);
    }
    sweep();
    rootsById = new Map();
    for (const card of known) {
      const id = painted.get(card)?.id;
      if (id) rootsById.set(id, card);
    }
    if (partial) {
      // Painted so far; the rest of the page is being read (page contract: `reading`).
      if (!quiet) root.dataset.triageStatus = 'reading';
      return Math.max(longestSlice, performance.now() - slice);
    }
    if (quiet) {
      for (const attr of PAGE_ATTRS) delete root.dataset[attr];
    } else {
      root.dataset.triageStatus = plan.status;
      root.dataset.triageCount = String(plan.count);
      root.dataset.triageUnreadable = String(plan.unreadable);
      if (plan.lang) root.dataset.triageLang = plan.lang;
      else delete root.dataset.triageLang;
    }
    checkOutcomes(plan, cards);
    return Math.max(longestSlice, performance.now() - slice);
  }

  /** Paints one card; a failure is reported on that card (`data-triage-error`), never the page. */
  function paintSafely(card, elements, theme) {
    const cardRoot = elements[card.at.root];
    try {
      paintCard(card, elements, theme);
      if (cardRoot) delete cardRoot.dataset.triageError;
    } catch (e) {
      const reason = String(e?.message ?? e);
      console.warn(`Invite Triage: could not paint a card: ${reason}`);
      if (cardRoot && !quiet) cardRoot.dataset.triageError = reason;
    }
  }

  function paintCard(card, elements, theme) {
    const cardRoot = elements[card.at.root];
    if (!cardRoot?.isConnected) return;
    const controls = controlsOf(card, elements);
    if (quiet) {
      // Nothing on the page: keep only what the side panel's actions need.
      const previous = painted.get(cardRoot);
      painted.set(cardRoot, { id: card.id, card, signature: null, controls, actions: card.actions, root: cardRoot, host: null, acted: previous?.acted ?? false });
      return;
    }
    // What decides whether to render again: the card's content, not where it sits in this
    // snapshot (a partial snapshot numbers elements differently) nor the decision, which is
    // shown in place (a re-render would swap the buttons under the user's pointer).
    const { at: _at, decision: _decision, actions: cardActions, ...content } = card;
    const signature = JSON.stringify([content, cardActions.map(({ control: _control, ...action }) => action), theme]);
    const previous = painted.get(cardRoot);
    const live = liveHost(cardRoot);
    // Any other host on this card is a copy the page made (cloned without its shadow root) or
    // an extra: ours is the one we recorded.
    for (const other of hostsOf(cardRoot)) if (other !== live) removeOurs(other);
    if (previous?.signature === signature && live) {
      previous.controls = controls;
      previous.actions = card.actions;
      previous.card = card;
      const bar = live.shadowRoot?.querySelector('.bar');
      if (card.decision) bar?.setAttribute('data-decision', card.decision);
      else bar?.removeAttribute('data-decision');
      return;
    }
    const host = live ?? createHost(cardRoot);
    host.dataset.theme = theme;
    if (isSent()) {
      if (card.days != null) cardRoot.dataset.triageSentDays = String(card.days);
      else delete cardRoot.dataset.triageSentDays;
      if (card.withdraw) cardRoot.dataset.triageSuggest = 'withdraw';
      else delete cardRoot.dataset.triageSuggest;
    } else {
      cardRoot.dataset.triageBucket = card.bucket;
      cardRoot.dataset.triageScore = String(card.score);
    }
    cardRoot.dataset.triageId = card.id;
    const state = { id: card.id, card, signature, controls, actions: card.actions, root: cardRoot, host, acted: previous?.acted ?? false };
    painted.set(cardRoot, state);
    render(host.shadowRoot, card, state);
  }

  const hostsOf = (cardRoot) => [...cardRoot.children].filter((c) => c.hasAttribute(UI_ATTR));

  /** The host we painted on this card, if it is still there, whole, as the card's child. */
  function liveHost(cardRoot) {
    const host = painted.get(cardRoot)?.host;
    return host?.parentElement === cardRoot && host.shadowRoot ? host : null;
  }

  function removeOurs(host) {
    removedByUs.add(host);
    host.remove();
  }

  /** Takes our badge and attributes off an element that is no longer a card we read. */
  function unpaint(cardRoot) {
    stripPage(cardRoot);
    painted.delete(cardRoot);
  }

  /** Takes our badge and attributes off a card root (what it was read as is kept). */
  function stripPage(cardRoot) {
    const state = painted.get(cardRoot);
    if (state?.host?.parentElement === cardRoot) removeOurs(state.host);
    if (state) Object.assign(state, { host: null, signature: null });
    for (const attr of ['triageBucket', 'triageScore', 'triageId', 'triageError', 'triageSentDays', 'triageSuggest']) delete cardRoot.dataset[attr];
  }

  /**
   * After a pass, nothing but a known card carries our badge or attributes (and in quiet mode
   * nothing at all): hosts copied along with a card (no shadow root), moved elsewhere, or left
   * on something that is no card go.
   */
  function sweep() {
    for (const host of document.querySelectorAll(`[${UI_ATTR}]`)) {
      const owner = host.parentElement;
      if (quiet || !owner || !known.has(owner) || painted.get(owner)?.host !== host) removeOurs(host);
    }
    for (const el of document.querySelectorAll('[data-triage-id], [data-triage-bucket], [data-triage-score], [data-triage-error], [data-triage-sent-days], [data-triage-suggest]')) {
      if (!known.has(el)) unpaint(el);
      else if (quiet) stripPage(el);
    }
  }

  function createHost(cardRoot) {
    const host = document.createElement('div');
    host.setAttribute(UI_ATTR, '');
    host.attachShadow({ mode: 'open' });
    cardRoot.append(host);
    return host;
  }

  /** LinkedIn's own theme wins over the system's: read it from the page's background. */
  function pageTheme() {
    const bg = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g);
    if (!bg || (bg.length === 4 && Number(bg[3]) === 0)) {
      return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    }
    const [r, g, b] = bg.map(Number);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
  }

  /** The badge styles (badge-style.js) in this shadow root: adopted, or a style element to add. */
  const styles = (shadow) => shadowStyle(shadow, globalThis.__inviteTriageCss);

  /** The message key of each bucket's word, as the last plan gave it. */
  let bucketWords = null;
  /** The message key of each action's button text, as the last plan gave it. */
  let actionWords = {};

  /**
   * The LinkedIn controls this card's actions click, by the snapshot index each action names
   * (`action.control`): the plan chooses them, this only keeps the elements.
   */
  const controlsOf = (card, elements) =>
    new Map(card.actions.filter((a) => a.control != null).map((a) => [a.control, elements[a.control]]));

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
  const pointsClass = (n) => (n < 0 ? 'pts neg' : n > 0 ? 'pts pos' : 'pts');

  const isSent = () => pageKind === 'sent';

  /** "35 days ago", "yesterday", in the browser's language; a card without an age says so. */
  const ageText = (() => {
    let format;
    try {
      format = new Intl.RelativeTimeFormat(api.i18n.getUILanguage(), { numeric: 'auto' });
    } catch {
      format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
    }
    return (days) => (days == null ? t('csSentNoAge') : format.format(-days, 'day'));
  })();

  /** A sent invitation's badge (its age, and "Withdraw?" past the threshold) and reasons. */
  function sentHead(card, reasonsId) {
    const word = card.withdraw ? t('csSentStale') : t('csSentPending');
    const age = ageText(card.days);
    const badge = el(
      'button',
      {
        class: 'badge',
        part: 'badge',
        type: 'button',
        'data-triage-badge': card.withdraw ? 'withdraw' : 'sent',
        'aria-label': t('csSentBadgeLabel', word, age, card.reasons[0]?.label ?? ''),
        'aria-expanded': 'false',
        'aria-controls': reasonsId,
      },
      el('span', { class: 'bucket' }, word),
      el('span', { class: 'age' }, age),
    );
    const fill = (reasons) =>
      reasons.replaceChildren(
        el('p', { class: 'reasons-title' }, t('csSentWhy'), el('span', { class: 'who' }, card.name || t('csThisInvitation'))),
        el('ul', {}, ...card.reasons.map((r) => el('li', {}, r.label))),
      );
    return { badge, fill, barClass: card.withdraw ? 'stale' : 'sent' };
  }

  function render(shadow, card, state) {
    const reasonsId = 'reasons';
    const head = isSent() ? sentHead(card, reasonsId) : bucketHead(card, reasonsId);
    const badge = head.badge;
    // The reasons are filled when first shown: a long page paints its badges, not 500 lists.
    const reasons = el('div', { class: 'reasons', id: reasonsId, part: 'reasons', 'data-triage-reasons': '', hidden: true });
    const fillReasons = () => head.fill(reasons);
    renderBody(shadow, card, state, { badge, reasons, fillReasons, barClass: head.barClass });
  }

  /** A received invitation's badge (its bucket and score) and reasons. */
  function bucketHead(card, reasonsId) {
    const word = t(bucketWords[card.bucket]);
    const badge = el(
      'button',
      {
        class: 'badge',
        part: 'badge',
        type: 'button',
        'data-triage-badge': card.bucket,
        'aria-label': t('csBadgeLabel', word, card.score, card.summary),
        'aria-expanded': 'false',
        'aria-controls': reasonsId,
      },
      el('span', { class: 'bucket' }, word),
      el('span', { class: 'score' }, String(card.score)),
    );
    const fill = (reasons) =>
      reasons.replaceChildren(
        el('p', { class: 'reasons-title' }, t('csWhy', word, card.score), el('span', { class: 'who' }, card.name || t('csThisInvitation'))),
        el('p', { class: 'base' }, t('csBase', card.base)),
        el(
          'ul',
          {},
          ...card.reasons.map((r) => el('li', {}, el('span', { class: pointsClass(r.points) }, points(r.points)), ' ', r.label)),
        ),
      );
    return { badge, fill, barClass: card.bucket };
  }

  /** The bar (badge and buttons), reasons, note and status line of one card. */
  function renderBody(shadow, card, state, { badge, reasons, fillReasons, barClass }) {
    const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    const note = el('p', { class: 'note', hidden: !card.note }, card.note ? t('csYourNote', card.note) : '');
    const actions = el(
      'div',
      { class: 'actions', part: 'actions', role: 'group', 'aria-label': t('csSuggested'), 'data-triage-actions': '' },
      ...card.actions.map((a) =>
        el(
          'button',
          {
            type: 'button',
            class: a.primary ? 'action primary' : 'action',
            'data-triage-action': a.action,
            'aria-disabled': a.missing_control ? 'true' : false,
            title: a.missing_control ? t('csMissingTitle') : a.action === 'withdraw' ? t('csWithdrawTitle') : false,
          },
          t(actionWords[a.action] ?? a.action),
        ),
      ),
    );
    const bar = el('div', { class: `bar ${barClass}`, 'data-decision': card.decision ?? false }, badge, actions);
    shadow.replaceChildren(...[styles(shadow), bar, reasons, note, status].filter(Boolean));
    wireReasons(badge, reasons, fillReasons);
    actions.addEventListener('click', (event) => {
      const button = /** @type {HTMLButtonElement | null} */ (/** @type {Element} */ (event.target).closest('button[data-triage-action]'));
      if (!button) return;
      const action = card.actions.find((a) => a.action === button.dataset.triageAction);
      if (action) act(action, card, state, { status, note, shadow });
    });
  }

  function wireReasons(badge, panel, fill) {
    let pinned = false;
    let filled = false;
    const show = (open) => {
      if (open && !filled) {
        fill();
        filled = true;
      }
      panel.hidden = !open;
      badge.setAttribute('aria-expanded', String(open));
    };
    badge.addEventListener('click', () => {
      pinned = !pinned;
      show(pinned);
    });
    badge.addEventListener('mouseenter', () => show(true));
    badge.addEventListener('mouseleave', () => show(pinned));
    badge.addEventListener('focus', () => show(true));
    badge.addEventListener('blur', () => show(pinned));
    badge.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        pinned = false;
        show(false);
      }
    });
  }

  // ------------------------------------------------------------------ act (only on the user's click)
  const SAID = {
    accept: t('csAccepted'),
    'accept-thank': t('csAcceptedThank'),
    decline: t('csDeclined'),
    reply: t('csReply'),
    replyNoControl: t('csReplyNoControl'),
    replyNotOpened: t('csReplyNotOpened'),
    later: t('csLater'),
    missing: t('csMissing'),
    clipboardFailed: t('csClipboardFailed'),
    waiting: t('csWaiting'),
    notTaken: t('csNotTaken'),
    withdraw: t('csWithdrawn'),
    withdrawConfirm: t('csWithdrawConfirm'),
    withdrawCancelled: t('csWithdrawCancelled'),
  };

  /** The card's own status line and note, when it is painted (none in quiet mode). */
  function uiOf(state) {
    const shadow = state.host?.shadowRoot;
    if (!shadow) return null;
    return { shadow, status: shadow.querySelector('.status'), note: shadow.querySelector('.note') };
  }

  /**
   * What one of our buttons (or the side panel) does, as the plan says: it clicks the LinkedIn
   * control the action names (`action.control`, or none) and copies its message. An action
   * that answers the invitation (`action.resolves`) clicks only if that control is still
   * there, once per card; past the weekly budget it first asks (`week.confirm`) and goes on
   * at the second click. Accept, decline and reply are recorded as done only once LinkedIn
   * took them (see `outcomeOf`); otherwise the card says so. Resolves with the outcome.
   * @returns {Promise<{outcome: string, said?: string}>}
   */
  async function act(action, card, state, ui, { confirmed = false, inBatch = false } = {}) {
    const say = (text) => {
      if (ui?.status) ui.status.textContent = text;
      return text;
    };
    const control = action.control == null ? null : state.controls.get(action.control);
    if (action.action === 'note') {
      if (ui) editNote(card, ui);
      return { outcome: 'editing' };
    }
    if (action.resolves) {
      if (state.acted) return { outcome: 'busy' }; // a double click answers once
      if (!control?.isConnected) return { outcome: 'not-taken', said: say(SAID.missing) };
      if (action.budgeted && week.confirm && !confirmed && !(state.confirmUntil > Date.now())) {
        state.confirmUntil = Date.now() + CONFIRM_MS;
        return { outcome: 'confirm', said: say(week.confirm) };
      }
      state.acted = true;
      state.confirmUntil = 0;
    }
    let copied = true;
    if (action.message) copied = await copy(action.message);
    const withClipboard = (text) => (copied ? text : `${text.split('.')[0]}. ${SAID.clipboardFailed}`);
    if (!action.resolves && action.action !== 'reply') {
      send({ type: 'action', id: card.id, action: action.action, outcome: 'done', card: cardFacts(card) }).then(() => dirty.add(state.root), () => {});
      return { outcome: 'done', said: say(withClipboard(SAID[action.action])) };
    }
    if (action.action === 'reply' && !control?.isConnected) {
      send({ type: 'action', id: card.id, action: 'reply', outcome: 'copied', card: cardFacts(card) }).catch(() => {});
      return { outcome: 'copied', said: say(withClipboard(SAID.replyNoControl)) };
    }
    say(SAID.waiting);
    const result = await outcomeOf(action, state, control, { inBatch, say });
    const outcome = result.outcome;
    if (action.resolves && outcome !== 'done') state.acted = false; // not taken: the user may try again
    const said =
      outcome === 'done' ? withClipboard(SAID[action.action])
      : outcome === 'friction' ? t('csFriction', result.text ?? '')
      : outcome === 'cancelled' ? SAID.withdrawCancelled
      : action.action === 'reply' ? SAID.replyNotOpened
      : SAID.notTaken;
    send({ type: 'action', id: card.id, action: action.action, outcome, card: cardFacts(card) }).then(() => dirty.add(state.root), () => {});
    return { outcome, said: say(said) };
  }

  /** How long a second click past the budget may follow the first. */
  const CONFIRM_MS = 10_000;
  /** How long LinkedIn may take to show that it took an accept or an ignore. */
  const VERIFY_MS = 8000;
  /** How long LinkedIn may take to open its message box after Message. */
  const COMPOSER_MS = 4000;

  /** What the history keeps of a card besides its id. */
  const cardFacts = (card) => ({ name: card.name, profile: card.profile ?? null, bucket: card.bucket ?? null, score: card.score ?? null, reasons: card.reasons.slice(0, 3).map((r) => r.label) });

  /**
   * Clicks `control` and waits for LinkedIn to take it: for accept and decline, the card goes
   * away or the engine reads it resolved on a later pass (`done`); new friction on the page
   * (`friction`, with its text); neither in VERIFY_MS (`not-taken`). For reply, LinkedIn's
   * message box opens (`done`), else `not-taken`.
   */
  function outcomeOf(action, state, control, { inBatch, say }) {
    if (action.action === 'reply') return composerOpens(control);
    if (action.action === 'withdraw') return withdrawOutcome(state, control, { inBatch, say });
    const id = state.id;
    const baseline = new Set(frictions.keys());
    return new Promise((resolve) => {
      const watcher = { id, root: state.root, baseline, resolve: (result) => finish(result) };
      const timer = setTimeout(() => finish({ outcome: 'not-taken' }), VERIFY_MS);
      function finish(result) {
        clearTimeout(timer);
        watchers.delete(watcher);
        resolve(result);
      }
      watchers.add(watcher);
      control.click();
      schedulePass();
    });
  }

  /** How long the user may take to answer LinkedIn's withdraw confirmation. */
  const CONFIRM_WAIT_MS = 60_000;
  /** How long a card may stay after LinkedIn's confirmation closed before it counts as cancelled. */
  const CLOSED_GRACE_MS = 3000;

  /**
   * Clicks LinkedIn's Withdraw, which asks to confirm in a dialog of its own. On our button the
   * user answers that dialog (we wait for it); in a batch, which the user started, we click its
   * confirming control, which the plan names. Done when the card goes away; `cancelled` when
   * the dialog closed and the card stayed; friction and silence as for accept.
   */
  function withdrawOutcome(state, control, { inBatch, say }) {
    const baseline = new Set(frictions.keys());
    return new Promise((resolve) => {
      let timer = 0;
      const watcher = {
        id: state.id,
        root: state.root,
        baseline,
        withdraw: { inBatch, say, confirm: null, closed: false },
        resolve: (result) => finish(result),
        /** Waits `ms` more for LinkedIn before giving up. */
        wait(ms) {
          clearTimeout(timer);
          timer = setTimeout(() => finish({ outcome: watcher.withdraw.closed ? 'cancelled' : 'not-taken' }), ms);
        },
      };
      function finish(result) {
        clearTimeout(timer);
        watchers.delete(watcher);
        resolve(result);
      }
      watcher.wait(VERIFY_MS);
      watchers.add(watcher);
      control.click();
      schedulePass();
    });
  }

  /** Actions waiting for LinkedIn to show it took them (see `outcomeOf`). */
  const watchers = new Set();

  /** After each pass: which waiting actions LinkedIn took, or met friction. */
  function checkOutcomes(plan, cards) {
    const read = new Set(cards.map((c) => c.id));
    const resolved = new Set([...(plan.resolved ?? []).map((r) => r.id), ...(plan.gone ?? [])]);
    for (const w of [...watchers]) {
      const fresh = [...frictions].find(([el]) => !w.baseline.has(el));
      if (fresh) w.resolve({ outcome: 'friction', text: fresh[1] });
      else if (resolved.has(w.id)) w.resolve({ outcome: 'done' });
      else if (!w.root.isConnected && !read.has(w.id) && !rootsById.get(w.id)?.isConnected) w.resolve({ outcome: 'done' });
      else if (w.withdraw) followConfirm(w);
    }
  }

  /** A withdraw waiting on LinkedIn's confirmation: confirm it (a batch), or let the user. */
  function followConfirm(w) {
    const own = confirms.find((c) => c.id === w.id) ?? (confirms.length === 1 && !confirms[0].id ? confirms[0] : null);
    const state = w.withdraw;
    // A confirmation not handled yet: a new one, or the same dialog open again after it closed
    // (the artdeco era keeps one modal and shows it again).
    if (own && (own.dialog !== state.confirm?.dialog || state.closed)) {
      state.confirm = own;
      state.closed = false;
      if (state.inBatch) {
        /** @type {HTMLElement} */ (own.control).click();
        w.wait(VERIFY_MS);
        schedulePass();
      } else {
        state.say(SAID.withdrawConfirm);
        w.wait(CONFIRM_WAIT_MS);
      }
    } else if (!own && state.confirm && !state.closed) {
      // The dialog closed with the card still there: cancelled, unless it goes in a moment.
      state.closed = true;
      w.wait(CLOSED_GRACE_MS);
    }
  }

  /** Elements that are LinkedIn's message box: an editor or a dialog, not ours. */
  const COMPOSER = '[contenteditable="true"], [contenteditable=""], textarea, [role="dialog"], dialog[open]';
  const composers = () => new Set([...document.querySelectorAll(COMPOSER)].filter((el) => !el.closest(`[${UI_ATTR}]`)));

  /** Clicks Message and waits for a message box that was not there before. */
  function composerOpens(control) {
    const before = composers();
    return new Promise((resolve) => {
      const opened = () => [...composers()].some((el) => !before.has(el));
      const watch = new MutationObserver(() => {
        if (opened()) finish('done');
      });
      const timer = setTimeout(() => finish(opened() ? 'done' : 'not-taken'), COMPOSER_MS);
      function finish(outcome) {
        clearTimeout(timer);
        watch.disconnect();
        resolve({ outcome });
      }
      watch.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['open', 'contenteditable'] });
      control.click();
      if (opened()) finish('done');
    });
  }

  // ------------------------------------------------------------------ batch accept
  /**
   * The batch running in this tab, if any. It accepts the plan's invitations one by one, at a
   * human pace, each verified, and stops at once, saying why, on Stop, friction, a missing
   * control, a click that didn't take, or the page going away. Every row ends with an outcome:
   * `accepted`, `not-on-page`, `budget`, `friction`, `not-taken` or `stopped`.
   */
  let batch = null;

  /** @param {BatchPlan} plan */
  function startBatch(plan) {
    if (batch?.running) return { error: 'a batch is already running' };
    const outcomes = Object.fromEntries((plan.over_budget ?? []).map((id) => [id, 'budget']));
    const action = plan.action === 'withdraw' ? 'withdraw' : 'accept';
    batch = { running: true, action, stopRequested: null, wake: null, plan, outcomes, current: null, stopped: null, started: Date.now(), baseline: new Set(frictions.keys()) };
    report();
    runBatch(batch).catch((e) => endBatch(batch, { why: 'error', text: String(e?.message ?? e) }));
    return { ok: true };
  }

  /** Asks the running batch to stop (`stop`: the user's Stop; `navigation`: the page went away). */
  function stopBatch(why) {
    if (!batch?.running || batch.stopRequested) return;
    batch.stopRequested = why;
    batch.wake?.();
  }

  /** Sends the batch's state to the worker, which keeps it for the side panel. */
  function report() {
    if (!batch) return;
    const { running, action, outcomes, current, stopped, started, plan } = batch;
    send({ type: 'batch', state: { running, action, outcomes, current, stopped, started, go: plan.go, next_batch: plan.next_batch ?? [] } }).catch(() => {});
  }

  function endBatch(run, stopped) {
    for (const id of run.plan.go) run.outcomes[id] ??= 'stopped';
    Object.assign(run, { running: false, current: null, stopped });
    report();
  }

  /** Waits `ms`, or less when the batch is asked to stop. */
  function pause(run, ms) {
    return new Promise((/** @type {(value?: void) => void} */ resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        run.wake = null;
        resolve();
      }
      run.wake = done;
    });
  }

  async function runBatch(run) {
    const [min, max] = run.plan.pace_ms;
    for (const [i, id] of run.plan.go.entries()) {
      if (i > 0) await pause(run, min + Math.random() * (max - min));
      if (run.stopRequested) return endBatch(run, { why: run.stopRequested });
      const cardRoot = rootsById.get(id);
      const state = cardRoot?.isConnected ? painted.get(cardRoot) : null;
      if (!state) {
        run.outcomes[id] = 'not-on-page';
        report();
        continue;
      }
      // Friction that came up since the batch started (after the last accept was verified).
      const fresh = [...frictions].find(([el]) => !run.baseline.has(el));
      if (fresh) {
        run.outcomes[id] = 'friction';
        return endBatch(run, { why: 'friction', text: t('csFriction', fresh[1]), at: id });
      }
      const action = state.actions.find((a) => a.action === run.action);
      run.current = id;
      report();
      const result = action ? await act(action, state.card, state, uiOf(state), { confirmed: true, inBatch: true }) : { outcome: 'not-taken' };
      if (result.outcome === 'done') {
        run.outcomes[id] = run.action === 'withdraw' ? 'withdrawn' : 'accepted';
        report();
        continue;
      }
      run.outcomes[id] = result.outcome === 'friction' ? 'friction' : 'not-taken';
      const why = result.outcome === 'friction' ? 'friction' : action && action.control != null && state.controls.get(action.control)?.isConnected ? 'not-taken' : 'missing-control';
      return endBatch(run, { why, text: result.said ?? '', at: id });
    }
    endBatch(run, { why: run.stopRequested ?? 'done' });
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  }

  function editNote(card, ui) {
    const existing = ui.shadow.querySelector('form.note-editor');
    if (existing) return existing.querySelector('textarea').focus();
    const textarea = el('textarea', { 'aria-label': t('csNoteOn', card.name), rows: 2, maxlength: 500 });
    textarea.value = card.note ?? '';
    const form = el(
      'form',
      { class: 'note-editor' },
      textarea,
      el('button', { type: 'submit', class: 'action primary' }, t('csSaveNote')),
      el('button', { type: 'button', class: 'action', 'data-cancel': '' }, t('csCancel')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const note = textarea.value.trim();
      send({ type: 'action', id: card.id, action: 'note', note }).catch(() => {});
      ui.note.textContent = note ? t('csYourNote', note) : '';
      ui.note.hidden = !note;
      ui.status.textContent = note ? t('csNoteSaved') : t('csNoteRemoved');
      form.remove();
    });
    form.querySelector('[data-cancel]').addEventListener('click', () => form.remove());
    ui.note.after(form);
    textarea.focus();
  }

  // ------------------------------------------------------------------ go
  // A tab closed or loaded anew mid-batch ends this script with it: the worker sees the tab go
  // (tabs.onRemoved, tabs.onUpdated) and ends the batch, saying why.
  // An accept recorded anywhere (this tab, another, LinkedIn's own buttons) moves the week:
  // the engine reads the page again, so our Accept buttons ask past the budget.
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes.history || !observer) return;
    lastAnswered = null;
    schedulePass();
  });
  if (isInvitationsPage()) start();
})();
