// Messages from the side panel to the content script of a LinkedIn tab: one place for finding
// the tab to act in and for asking it, shared by the weekly review and the batch withdraw.
import './platform.js';

const { api } = globalThis.inviteTriagePlatform;

/**
 * A message to the tab's content script; null when nothing there answers.
 * @param {number} tab
 * @param {TabMessage} message
 */
export function tell(tab, message) {
  return api.tabs.sendMessage(tab, message).then(
    (reply) => reply ?? null,
    () => null,
  );
}

/**
 * The tab to act in: `preferred` (the tab the page was last read in), else this window's
 * active tab, if its content script answers; else null.
 * @param {number | null | undefined} preferred
 * @returns {Promise<number | null>}
 */
export async function answeringTab(preferred) {
  const [active] = await api.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  for (const id of [preferred, active?.id]) {
    if (typeof id !== 'number') continue;
    const answer = await tell(id, { type: 'present', ids: [] });
    if (answer && !answer.error) return id;
  }
  return null;
}
