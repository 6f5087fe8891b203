// Toolbar popup: what is waiting, from the last reading of the invitations page.
import { handle } from './engine.js';

const api = globalThis.browser ?? globalThis.chrome;
const view = document.getElementById('view');
const INVITATIONS = 'https://www.linkedin.com/mynetwork/invitation-manager/';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

async function render() {
  const engine = await handle({ op: 'ping' });
  const { queue } = await api.storage.local.get('queue');
  const cards = Object.values(queue?.cards ?? {});
  view.replaceChildren();
  if (engine.error) {
    view.append(el('p', { class: 'problem' }, `The triage engine could not start: ${engine.error}`));
    return;
  }
  if (!cards.length) {
    view.append(
      el('p', {}, 'Open LinkedIn’s “Manage invitations” page: every invitation gets a badge (Accept, Review or Ignore) with its reasons.'),
      el('p', { class: 'muted' }, 'Scoring happens on this computer. Nothing is sent anywhere.'),
    );
  } else {
    const count = (bucket) => cards.filter((c) => c.bucket === bucket).length;
    view.append(
      el(
        'ul',
        { class: 'counts' },
        ...['accept', 'review', 'ignore'].map((b) =>
          el('li', { class: `count ${b}`, 'data-bucket': b }, el('strong', {}, String(count(b))), ` ${b[0].toUpperCase()}${b.slice(1)}`),
        ),
      ),
    );
  }
  const open = el('button', { type: 'button', class: 'primary' }, 'Open invitations');
  open.addEventListener('click', () => api.tabs.create({ url: INVITATIONS }));
  view.append(open);
}

document.getElementById('open-options').addEventListener('click', () => api.runtime.openOptionsPage());
render();
