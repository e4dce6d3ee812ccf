import { PAGE_ASK_EVENT, PAGE_PORT_EVENT, PAGE_READY } from '../protocol/messages';

/**
 * Isolated-world half of the handshake (see PAGE_PORT_EVENT): takes the first MessagePort
 * the page-world script hands over, answers PAGE_READY on it, and passes every message
 * it carries to `onMessage`. Only the first port is taken, so a page script dispatching
 * its own port event later gets nowhere. On a video app's page, `appHosts` (its page and API
 * hosts) go first, so the page world copies the JSON of those hosts whatever the path
 * (src/capture/should-copy-body.ts).
 */
export function acceptPagePort(win: Window, onMessage: (data: unknown) => void, appHosts: readonly string[] = []): void {
  let taken = false;
  const take = (event: Event): void => {
    const port = (event as MessageEvent).ports?.[0];
    if (taken || !port) return;
    taken = true;
    win.removeEventListener(PAGE_PORT_EVENT, take, true);
    port.onmessage = (message) => onMessage(message.data);
    if (appHosts.length > 0) port.postMessage([...appHosts]);
    port.postMessage(PAGE_READY);
  };
  win.addEventListener(PAGE_PORT_EVENT, take, true);
  // The page world may have started first and be waiting for us to ask.
  if (!taken) win.dispatchEvent(new Event(PAGE_ASK_EVENT));
  // Both halves run at document_start; after that, a port event can only be the page's.
  setTimeout(() => win.removeEventListener(PAGE_PORT_EVENT, take, true), 0);
}
