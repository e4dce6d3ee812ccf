import { captureEventSource } from './event-source-capture';
import { captureFetch } from './fetch-capture';
import { installNativeDisguise } from './native-disguise';
import { openPageChannel } from './page-channel';
import { captureWebSocket } from './web-socket-capture';
import { captureXhr } from './xhr-capture';

/** Every transport a chat page can stream an answer over, each hooked on its own. */
const TRANSPORTS = [captureFetch, captureXhr, captureEventSource, captureWebSocket];

/**
 * Installs the page-world interceptor: `fetch`, `XMLHttpRequest`, `EventSource` and
 * `WebSocket` are wrapped so that what can carry a chat answer is copied to the relay over a
 * private MessagePort. Every built-in used later is cached now, before page scripts can
 * replace it; the page gets the browser's own objects and data; any internal error leaves
 * the page's own call to proceed as if the extension were not there, and a transport that
 * cannot be hooked (missing, frozen) stays native while the others still work.
 */
export function installPageCapture(win: typeof globalThis): void {
  try {
    const channel = openPageChannel(win);
    const disguise = installNativeDisguise(win);
    for (const capture of TRANSPORTS) {
      try {
        capture(win, channel, disguise);
      } catch {
        // This transport stays native.
      }
    }
  } catch {
    // A frozen or exotic global: leave the page alone.
  }
}
