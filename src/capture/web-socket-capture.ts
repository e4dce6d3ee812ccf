import { WEBSOCKET_CONTENT_TYPE } from '../protocol/messages';
import { apply, getterOf, watchedConstructor } from './built-ins';
import type { Disguise } from './native-disguise';
import type { CopyStream, PageChannel } from './page-channel';
import { shouldCopySocket } from './should-copy-body';

/**
 * Wraps the `WebSocket` constructor so the text frames a chat-like socket receives (Open
 * WebUI's Socket.IO at `/ws/socket.io/`) are copied to the relay, one NDJSON line per frame
 * (see WEBSOCKET_CONTENT_TYPE). Frames are copied as they are: Socket.IO framing is decoded
 * in the background, not here. Sent and binary frames are never copied. The page gets the
 * browser's own socket (same prototype, constants, `instanceof`); the copy only listens.
 */
/* eslint-disable @typescript-eslint/unbound-method, @typescript-eslint/no-unnecessary-type-assertion --
   built-ins are cached unbound on purpose (page scripts may replace them later) and always
   called through Reflect.apply, whose result types are asserted at each call. */
export function captureWebSocket(win: typeof globalThis, channel: PageChannel, disguise: Disguise): void {
  const NativeWebSocket = win.WebSocket;
  const proto = NativeWebSocket.prototype;
  const urlOf = getterOf(proto, 'url');
  const dataOf = getterOf(win.MessageEvent.prototype, 'data');
  const wasCleanOf = getterOf(win.CloseEvent.prototype, 'wasClean');
  const listen = win.EventTarget.prototype.addEventListener;
  const stringify = win.JSON.stringify;
  if (!urlOf || !dataOf || !wasCleanOf) return;

  const watch = (socket: WebSocket): void => {
    const url = apply(urlOf, socket, []) as string;
    if (!shouldCopySocket(url)) return;
    // Opened on the first text frame: most sockets of a page never carry an answer.
    let stream: CopyStream | undefined;
    apply(listen, socket, [
      'message',
      (event: MessageEvent) => {
        try {
          const data: unknown = apply(dataOf, event, []);
          if (typeof data !== 'string') return;
          stream ??= channel.open(url, WEBSOCKET_CONTENT_TYPE);
          stream?.push(`${apply(stringify, null, [data]) as string}\n`);
        } catch {
          // Never the page's problem.
        }
      },
    ]);
    apply(listen, socket, [
      'close',
      (event: CloseEvent) => {
        try {
          stream?.end(apply(wasCleanOf, event, []) ? 'complete' : 'error');
        } catch {
          // Never the page's problem.
        }
      },
    ]);
  };

  const WrappedWebSocket = watchedConstructor(NativeWebSocket, watch);
  disguise(WrappedWebSocket, NativeWebSocket);
  proto.constructor = WrappedWebSocket;
  win.WebSocket = WrappedWebSocket;
}
