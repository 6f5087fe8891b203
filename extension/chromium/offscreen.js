// Chromium's engine host: the offscreen document (reason DOM_PARSER) where the wasm may compile
// under the extension's own CSP. It answers only messages addressed to the engine.
import { handle, loadEngine } from './engine.js';

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message?.target !== 'engine') return false;
  handle(message).then(sendResponse);
  return true;
});

loadEngine();
