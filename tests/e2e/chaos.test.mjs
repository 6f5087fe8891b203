// A seeded DOM-chaos run: on every era's fixture, random steps of what LinkedIn and other
// scripts do to a page (re-render a card, replace it with a copy, tick a time, expand a note,
// resolve a card after Accept or Ignore, insert, remove, reorder and wrap cards, a cookie banner,
// a "Take care when connecting" dialog, dark mode). After every step: every invitation on the
// page carries exactly one live badge, nothing else carries one, the status is never `blocked`,
// and data-triage-count / data-triage-unreadable are right.
//
// CHAOS_SEED=n replays a run; CHAOS_STEPS=n sets the steps per page (CI runs a bounded number);
// CHAOS_PAGES=a,b runs only some pages.
// Runs in Chromium and Firefox (browsers.mjs). Firefox takes about twice as long a step (each
// check is a WebDriver BiDi round trip), so it runs half the steps unless CHAOS_STEPS_FIREFOX=n.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BROWSERS, launchBrowser } from './browsers.mjs';
import { oracle, truthMismatches } from './harness.mjs';

const STEPS = Number(process.env.CHAOS_STEPS ?? 40);
const STEPS_IN = { chromium: STEPS, firefox: Number(process.env.CHAOS_STEPS_FIREFOX ?? Math.ceil(STEPS / 2)) };
const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const PAGES = [
  'era-a.html',
  'era-b.html',
  'era-c1.html',
  'era-c2.html',
  'non-person.html',
  'layout-plain-div.html',
  'layout-current.html',
  'layout-listitem.html',
  'layout-older.html',
  'layout-mixed.html',
  'lang-fr.html',
  'lang-de.html',
  'lang-pt.html',
  'lang-it.html',
  'lang-nl.html',
  'lang-es.html',
];

// CHAOS_PAGES=era-c2,lang-fr runs only the pages whose names hold one of those words.
const ONLY = process.env.CHAOS_PAGES?.split(',').filter(Boolean);
const RUN = ONLY ? PAGES.filter((p) => ONLY.some((word) => p.includes(word))) : PAGES;

console.log(`chaos: seed ${SEED}, ${BROWSERS.map((b) => `${STEPS_IN[b]} steps per page in ${b}`).join(', ')} (replay with CHAOS_SEED=${SEED})`);

/** mulberry32: a small seeded generator, so a failing run can be replayed exactly. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEP_KINDS = [
  'rerender',
  'clone',
  'time',
  'expand',
  'resolve-accept',
  'resolve-ignore',
  'insert',
  'remove',
  'reorder',
  'wrap',
  'banner',
  'dialog',
  'dark',
  'remove-badge',
  'move-badge',
];

/**
 * Installs the chaos steps and checks in the page (`window.__chaos`). Defined as one function,
 * because Playwright sends a function's source to the page, and the page's CSP forbids eval.
 */
function install() {
  /**
   * Runs one step in the page. `r` holds random numbers in [0, 1) for the step's choices. Cards
   * are `[data-fixture-card]`; a resolved card loses that attribute (it is no invitation any more).
   */
  function step(kind, r) {
    const cards = [...document.querySelectorAll('[data-fixture-card]')];
    const pick = (i = 0) => cards[Math.floor(r[i] * cards.length)];
    const card = pick();
    const own = (el) => el.hasAttribute('data-triage-ui');
    const text = (el, value) => {
      el.textContent = value;
    };
    switch (kind) {
      case 'rerender': {
        // React-like: fresh nodes for the card's inner markup (ours included, as the page would).
        if (!card) return 'no card';
        const fresh = [...card.childNodes].filter((n) => !(n.nodeType === 1 && own(n))).map((n) => n.cloneNode(true));
        card.replaceChildren(...fresh);
        return 'inner markup re-rendered';
      }
      case 'clone': {
        if (!card) return 'no card';
        card.replaceWith(card.cloneNode(true)); // carries our host, without its shadow root
        return 'replaced by its copy';
      }
      case 'time': {
        const age = card?.querySelector('[data-fixture-slot="age"]');
        if (!age) return 'no time text';
        const days = 1 + Math.floor(r[1] * 6);
        text(age, `${days} days ago`);
        card.setAttribute('data-fixture-days', String(days)); // the truth moves with the page
        return 'time text updated';
      }
      case 'expand': {
        const expander = card?.querySelector('[data-testid="expandable-text-button"], [data-fixture-expander]');
        if (!expander) return 'no note to expand';
        expander.click();
        return 'note expanded';
      }
      case 'resolve-accept': {
        if (!card) return 'no card';
        const name = card.getAttribute('data-fixture-name');
        card.removeAttribute('data-fixture-card');
        card.setAttribute('data-fixture-resolved', 'accepted');
        const line = document.createElement('p');
        line.textContent = `${name} is now a connection`;
        card.replaceChildren(line);
        return 'resolved after Accept';
      }
      case 'resolve-ignore': {
        if (!card) return 'no card';
        if (r[1] < 0.5) {
          card.remove();
          return 'gone after Ignore';
        }
        card.removeAttribute('data-fixture-card');
        card.setAttribute('data-fixture-resolved', 'ignored');
        card.replaceChildren();
        return 'collapsed after Ignore';
      }
      case 'insert':
        return window.__fixture.appendCards(1) ? 'a card inserted' : 'no template';
      case 'remove': {
        if (!card) return 'no card';
        card.remove();
        return 'a card removed';
      }
      case 'reorder': {
        const other = pick(1);
        if (!card || !other || card === other) return 'nothing to reorder';
        other.before(card);
        return 'cards reordered';
      }
      case 'wrap': {
        if (!card) return 'no card';
        const wrapper = document.createElement('div');
        wrapper.className = `wrap-${Math.floor(r[1] * 1000)}`;
        card.before(wrapper);
        wrapper.append(card);
        return 'a card wrapped';
      }
      case 'banner': {
        const banner = document.createElement('div');
        banner.className = 'cookie-banner';
        const p = document.createElement('p');
        p.textContent = 'We use cookies to improve your experience.';
        const accept = document.createElement('button');
        accept.textContent = 'Accept';
        const reject = document.createElement('button');
        reject.textContent = 'Reject';
        banner.append(p, accept, reject);
        document.body.append(banner);
        return 'a cookie banner';
      }
      case 'dialog': {
        const dialog = document.createElement('div');
        dialog.setAttribute('role', 'dialog');
        dialog.setAttribute('aria-modal', 'true');
        const h = document.createElement('h2');
        h.textContent = 'Take care when connecting';
        const view = document.createElement('button');
        view.textContent = 'View profile';
        const accept = document.createElement('button');
        accept.textContent = 'Accept invite';
        dialog.append(h, view, accept);
        (r[1] < 0.5 ? document.body : card ?? document.body).append(dialog);
        return 'a "Take care when connecting" dialog';
      }
      case 'dark': {
        window.__chaosDark = !window.__chaosDark;
        document.body.classList.toggle('chaos-dark', window.__chaosDark);
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(window.__chaosDark ? 'body { background: #1b1f23 !important; }' : '');
        document.adoptedStyleSheets = [sheet];
        return window.__chaosDark ? 'dark mode' : 'light mode';
      }
      case 'remove-badge': {
        const host = card?.querySelector(':scope > [data-triage-ui]');
        if (!host) return 'no badge';
        host.remove();
        return 'our badge removed by the page';
      }
      case 'move-badge': {
        const host = card?.querySelector(':scope > [data-triage-ui]');
        const inner = card?.querySelector('div, p');
        if (!host || !inner) return 'no badge';
        inner.append(host);
        return 'our badge moved inside the card';
      }
      default:
        throw new Error(`unknown step ${kind}`);
    }
  }

  /** What is wrong with the page now, as a list of problems (empty when all holds). */
  function problems() {
    const out = [];
    const html = document.documentElement;
    const cards = [...document.querySelectorAll('[data-fixture-card]')];
    for (const [i, card] of cards.entries()) {
      const hosts = card.querySelectorAll('[data-triage-ui]');
      const direct = [...card.children].filter((c) => c.hasAttribute('data-triage-ui'));
      const live = direct.filter((h) => h.shadowRoot?.querySelector('[data-triage-badge]'));
      if (hosts.length !== 1 || live.length !== 1) {
        out.push(`card ${i} (${card.getAttribute('data-fixture-name')}): ${hosts.length} hosts, ${live.length} live badges`);
      }
      if (!card.hasAttribute('data-triage-id')) out.push(`card ${i}: no data-triage-id`);
      const want = card.getAttribute('data-fixture-id');
      if (want && card.getAttribute('data-triage-id') !== want) {
        out.push(`card ${i}: data-triage-id ${card.getAttribute('data-triage-id')}, want ${want}`);
      }
    }
    for (const el of document.querySelectorAll('[data-triage-ui], [data-triage-id]')) {
      const owner = el.hasAttribute('data-triage-ui') ? el.parentElement : el;
      if (!owner?.hasAttribute('data-fixture-card')) out.push(`a badge or id on a non-invitation: ${owner?.outerHTML.slice(0, 80)}`);
    }
    if (html.dataset.triageStatus === 'blocked') out.push('status blocked');
    const unreadable = Number(document.body.dataset.fixtureUnreadable ?? 0);
    // The page contract: a page whose invitations none could be read is `unrecognized`.
    const status = cards.length ? 'ready' : unreadable ? 'unrecognized' : 'no-invitations';
    if (html.dataset.triageStatus !== status) out.push(`status ${html.dataset.triageStatus}, want ${status}`);
    if (Number(html.dataset.triageCount) !== cards.length) out.push(`data-triage-count ${html.dataset.triageCount}, want ${cards.length}`);
    if (Number(html.dataset.triageUnreadable ?? 0) !== unreadable) {
      out.push(`data-triage-unreadable ${html.dataset.triageUnreadable}, want ${unreadable}`);
    }
    if (window.__chaosSawBlocked) out.push('the status was blocked at some point');
    return out;
  }

  /** Records whether `data-triage-status` ever turns `blocked`, between checks too. */
  function watchBlocked() {
    new MutationObserver(() => {
      if (document.documentElement.dataset.triageStatus === 'blocked') window.__chaosSawBlocked = true;
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-triage-status'] });
  }

  window.__chaos = { step, problems };
  watchBlocked();
  // The expected status follows the cards as the steps resolve and add them (a page written as
  // `ready` with unreadable invitations is `unrecognized` once its last readable one is gone).
  for (const el of [document.body, document.querySelector('[data-fixture-list]')]) el?.removeAttribute('data-fixture-status');
}

for (const kind of BROWSERS) {
  describe(`${kind}: DOM chaos (seed ${SEED})`, () => {
    let browser;
    before(async () => {
      browser = await launchBrowser(kind);
    });
    after(async () => {
      await browser?.close();
    });

    const steps = STEPS_IN[kind];
    for (const fixture of RUN) {
      test(`${fixture}: ${steps} random steps keep exactly one live badge on every invitation`, async () => {
        const random = generator(SEED + PAGES.indexOf(fixture));
        const page = await browser.openInvitations(fixture, { status: 'ready' });
        await page.evaluate(install);
        const log = [];
        for (let n = 0; n < steps; n++) {
          // A page running out of invitations gets new ones where it can.
          const few = (await page.evaluate(() => document.querySelectorAll('[data-fixture-card]').length)) < 3;
          const step = few && random() < 0.6 ? 'insert' : STEP_KINDS[Math.floor(random() * STEP_KINDS.length)];
          const r = [random(), random()];
          const said = await page.evaluate(([k, values]) => window.__chaos.step(k, values), [step, r]);
          log.push(`${n}: ${step} (${said})`);
          const ok = await page
            .waitForFunction(() => window.__chaos.problems().length === 0, null, { timeout: 8000 })
            .then(() => true, () => false);
          const fail = (what) => assert.fail(`seed ${SEED}, ${fixture}, after step ${log.at(-1)}:\n  ${what.join('\n  ')}\nsteps:\n  ${log.join('\n  ')}`);
          if (!ok) fail(await page.evaluate(() => window.__chaos.problems()));
          // The parser's tree is the live DOM's, and every card still reads as its truth.
          const tree = await oracle(browser, page, { limit: 5 });
          if (tree.count) fail(tree.mismatches.map((m) => `parent of ${m.tag} #${m.index}: live ${m.live}, engine ${m.engine}`));
          const wrong = await truthMismatches(browser, page, fixture);
          if (wrong.length) fail(wrong);
        }
        await page.close();
      });
    }
  });
}
