// Options page: the rules and message templates the engine scores with.
import { handle } from './engine.js';
import { loadSettings } from './storage.js';

const view = document.getElementById('view');

async function render() {
  const defaults = await handle({ op: 'defaults' });
  let saved = null;
  try {
    saved = await loadSettings();
  } catch (e) {
    view.append(Object.assign(document.createElement('p'), { className: 'problem', textContent: e.message }));
  }
  const settings = saved ?? defaults.settings;
  const pre = document.createElement('pre');
  pre.textContent = JSON.stringify(settings, null, 2);
  view.append(pre);
}

render();
