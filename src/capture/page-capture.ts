import { PAGE_ASK_EVENT, PAGE_PORT_EVENT, PAGE_READY, type PageMessage } from '../protocol/messages';
import { shouldCopyBody } from './should-copy-body';

/** Bytes copied per response at most; past it the copy stops and is marked truncated. */
export const MAX_COPY_BYTES = 32 * 1024 * 1024;

/**
 * Installs the page-world interceptor: `fetch` is wrapped so that responses that can carry
 * a chat answer are copied (a `Response.clone()` tee) and streamed to the relay. The page
 * gets back the very promise and Response the browser made, untouched; every built-in used
 * later is cached now, before page scripts can replace it; any internal error is swallowed
 * so the page's own call always proceeds as if the extension were not there.
 */
/* eslint-disable @typescript-eslint/unbound-method, @typescript-eslint/no-unnecessary-type-assertion --
   built-ins are cached unbound on purpose (page scripts may replace them later) and always
   called through Reflect.apply, whose result types are asserted at each call. */
export function installPageCapture(win: typeof globalThis): void {
  const { apply } = Reflect;
  const nativeFetch = win.fetch;
  const responseProto = win.Response.prototype;
  const then = win.Promise.prototype.then;
  const clone = responseProto.clone;
  const getter = (name: string): ((this: Response) => unknown) | undefined =>
    Object.getOwnPropertyDescriptor(responseProto, name)?.get as ((this: Response) => unknown) | undefined;
  const headersOf = getter('headers');
  const urlOf = getter('url');
  const bodyOf = getter('body');
  const getHeader = win.Headers.prototype.get;
  const getReader = win.ReadableStream.prototype.getReader;
  const readerProto = win.ReadableStreamDefaultReader.prototype;
  const read = readerProto.read;
  const cancel = readerProto.cancel;
  const postMessage = win.MessagePort.prototype.postMessage;
  const fnToString = win.Function.prototype.toString;
  if (!headersOf || !urlOf || !bodyOf) return;

  const channel = new win.MessageChannel();
  const port = channel.port1;
  let ready = false;
  let streams = 0;

  const handOver = (): void => {
    win.dispatchEvent(new win.MessageEvent(PAGE_PORT_EVENT, { ports: [channel.port2] }));
  };
  port.onmessage = (event) => {
    if (event.data !== PAGE_READY) return;
    ready = true;
    port.onmessage = null;
    win.removeEventListener(PAGE_ASK_EVENT, handOver, true);
  };
  win.addEventListener(PAGE_ASK_EVENT, handOver, true);
  handOver();

  const post = (message: PageMessage): void => {
    apply(postMessage, port, [message]);
  };
  const noop = (): void => {};

  const copy = (response: Response, requestBody: string | undefined): void => {
    try {
      if (!ready) return;
      const headers = apply(headersOf, response, []) as Headers;
      const contentType = (apply(getHeader, headers, ['content-type']) as string | null) ?? '';
      const url = apply(urlOf, response, []) as string;
      const length = Number(apply(getHeader, headers, ['content-length']) ?? -1);
      if (!shouldCopyBody(contentType, url, Number.isFinite(length) ? length : -1)) return;
      const body = apply(bodyOf, apply(clone, response, []) as Response, []) as ReadableStream<Uint8Array> | null;
      if (!body) return;
      const reader = apply(getReader, body, []) as ReadableStreamDefaultReader<Uint8Array>;
      const id = ++streams;
      let copied = 0;
      post({ kind: 'open', id, url, contentType, ...(requestBody ? { requestBody } : {}) });
      const pump = (): void => {
        apply(then, apply(read, reader, []), [
          (result: ReadableStreamReadResult<Uint8Array>) => {
            if (result.done) return post({ kind: 'end', id, outcome: 'complete' });
            copied += result.value.byteLength;
            if (copied > MAX_COPY_BYTES) {
              // Cancelling our branch of the tee leaves the page's branch flowing.
              void (apply(then, apply(cancel, reader, []), [noop, noop]) as Promise<void>);
              return post({ kind: 'end', id, outcome: 'truncated' });
            }
            post({ kind: 'chunk', id, bytes: result.value });
            pump();
          },
          (error: unknown) => {
            const name = (error as { name?: unknown } | null)?.name;
            post({ kind: 'end', id, outcome: name === 'AbortError' ? 'aborted' : 'error', error: String(error) });
          },
        ]);
      };
      pump();
    } catch {
      // Never the page's problem.
    }
  };

  const wrappedFetch = new Proxy(nativeFetch, {
    apply(target, thisArg, args: Parameters<typeof fetch>) {
      const pending = apply(target, thisArg, args) as Promise<Response>;
      let requestBody: string | undefined;
      try {
        const body = args[1]?.body;
        if (typeof body === 'string' && body.length <= 64 * 1024) requestBody = body;
      } catch {
        // an exotic init object: no model name, nothing else changes
      }
      // The page gets a promise settled exactly like the browser's: same Response, same
      // rejection (still reported as unhandled if the page ignores it). The tee is made in
      // our reaction, before any page code can touch the body.
      return apply(then, pending, [
        (response: Response) => {
          copy(response, requestBody);
          return response;
        },
      ]) as Promise<Response>;
    },
  });

  // `fetch.toString()` must still read as native code (pages and their libraries check).
  const wrappedToString = new Proxy(fnToString, {
    apply(target, thisArg: unknown, args: []): string {
      const self = thisArg === wrappedFetch ? nativeFetch : thisArg === wrappedToString ? fnToString : thisArg;
      return apply(target, self, args) as string;
    },
  });

  try {
    win.Function.prototype.toString = wrappedToString;
    win.fetch = wrappedFetch;
  } catch {
    // A frozen global: leave the page alone.
  }
}
