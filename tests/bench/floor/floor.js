// The bare floor: the least a content script can do for each card (read its text, append one
// element), run on every mutation. `./build.sh bench` times Invite Triage against it.
(() => {
  'use strict';
  const done = new WeakSet();
  const pass = () => {
    for (const card of document.querySelectorAll('[data-fixture-card]')) {
      if (done.has(card)) continue;
      done.add(card);
      const mark = document.createElement('div');
      mark.setAttribute('data-floor', String(card.textContent.length));
      card.append(mark);
      card.setAttribute('data-floor-done', '');
    }
  };
  new MutationObserver(pass).observe(document.body, { childList: true, subtree: true });
  pass();
})();
