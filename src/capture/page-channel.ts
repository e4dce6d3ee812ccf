import { MAX_REQUEST_BODY, PAGE_ASK_EVENT, PAGE_PORT_EVENT, PAGE_READY, type PageMessage, type StreamOutcome } from '../protocol/messages';
import { apply } from './built-ins';

/** Bytes (or characters) copied per stream at most; past it the copy stops and is marked truncated. */
export const MAX_COPY_BYTES = 32 * 1024 * 1024;

/** One copied response (or socket), as a transport hook feeds it. */
export interface CopyStream {
  /**
   * Copies more of the body; false once the stream has ended (the hook stops reading then).
   * Bytes are transferred, not copied: the caller's view is detached after, so it must be the
   * copy's own (a tee branch's chunk, never one the page can see).
   */
  push(body: Uint8Array<ArrayBuffer> | string): boolean;
  /** Ends the copy; later calls do nothing. */
  end(outcome: StreamOutcome, error?: string): void;
}

/** The page world's side of the private MessagePort to the relay. */
export interface PageChannel {
  /**
   * A video app's page and API hosts, as the relay said; empty elsewhere (see shouldCopyBody).
   * Filled in place when the relay's answer comes, before anything can be copied.
   */
  readonly appHosts: readonly string[];
  /**
   * Starts a copy; undefined while no relay listens (capture is off in this frame). A `sniff`
   * copy (see shouldCopyBody) is opened to the relay only once its first non-blank character
   * opens JSON; any other first character ends it unseen (its `push` says false).
   */
  open(url: string, contentType: string, requestBody?: unknown, method?: unknown, sniff?: boolean): CopyStream | undefined;
}

/**
 * Hands the relay a private MessagePort (see PAGE_PORT_EVENT) and numbers the streams sent
 * over it. `MessagePort.prototype.postMessage` is cached now, before page scripts run.
 */
/* eslint-disable @typescript-eslint/unbound-method -- cached unbound on purpose, called through Reflect.apply */
export function openPageChannel(win: typeof globalThis): PageChannel {
  const postMessage = win.MessagePort.prototype.postMessage;
  const channel = new win.MessageChannel();
  const port = channel.port1;
  let ready = false;
  let streams = 0;
  const hosts: string[] = [];

  const handOver = (): void => {
    win.dispatchEvent(new win.MessageEvent(PAGE_PORT_EVENT, { ports: [channel.port2] }));
  };
  port.onmessage = (event) => {
    const data: unknown = event.data;
    // The app's hosts come just before PAGE_READY (src/relay/accept-page-port.ts), over this private port.
    if (typeof data === 'object' && data) hosts.push(...(data as string[]));
    if (data !== PAGE_READY) return;
    ready = true;
    port.onmessage = null;
    win.removeEventListener(PAGE_ASK_EVENT, handOver, true);
  };
  win.addEventListener(PAGE_ASK_EVENT, handOver, true);
  handOver();

  const post = (message: PageMessage, transfer: Transferable[] = []): void => {
    apply(postMessage, port, [message, transfer]);
  };

  return {
    appHosts: hosts,
    open(url, contentType, requestBody, method, sniff) {
      if (!ready) return undefined;
      const id = ++streams;
      let size = 0;
      let ended = false;
      // The relay checks both again (parsePageMessage); a body is bounded here so a big upload
      // is never cloned.
      const opening = (): void =>
        post({
          kind: 'open',
          id,
          url,
          contentType,
          requestBody: typeof requestBody === 'string' && requestBody.length <= MAX_REQUEST_BODY ? requestBody : undefined,
          method: typeof method === 'string' ? method : undefined,
        });
      if (!sniff) opening();
      const stream: CopyStream = {
        push(chunk) {
          if (ended) return false;
          const isText = typeof chunk === 'string';
          if (sniff) {
            // NaN or undefined while all is blank: wait for more. `{` or `[`: JSON, copied from here.
            const first = isText ? chunk.trimStart().charCodeAt(0) : chunk.find((byte) => byte > 0x20);
            if (!first) return true;
            if (first !== 0x7b && first !== 0x5b) return !(ended = true);
            sniff = false;
            opening();
          }
          size += isText ? chunk.length : chunk.byteLength;
          if (size > MAX_COPY_BYTES) {
            stream.end('truncated');
            return false;
          }
          // Moved to the relay, not cloned: one copy of the body less on the page's thread.
          post(isText ? { kind: 'chunk', id, text: chunk } : { kind: 'chunk', id, bytes: chunk }, isText ? [] : [chunk.buffer]);
          return true;
        },
        end(outcome, error) {
          // A sniffed copy never opened has nothing to end at the relay.
          if (ended || sniff) return;
          ended = true;
          post({ kind: 'end', id, outcome, ...(error ? { error } : {}) });
        },
      };
      return stream;
    },
  };
}
