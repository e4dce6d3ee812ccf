import { apply, getterOf } from './built-ins';
import { REDIRECT_CONTENT_TYPE } from '../protocol/messages';
import { MEDIA_REDIRECT } from './media-redirect';
import type { Disguise } from './native-disguise';
import type { PageChannel } from './page-channel';
import { shouldCopyBody } from './should-copy-body';

/**
 * Wraps `fetch` so that responses that can carry a chat answer are copied (a
 * `Response.clone()` tee) to the relay. The page gets back the very promise and Response the
 * browser made, untouched, whichever way it reads the body (`getReader()`, `text()`, `json()`,
 * `arrayBuffer()`, `pipeThrough()`): the tee is made before any page code can touch it.
 */
/* eslint-disable @typescript-eslint/unbound-method, @typescript-eslint/no-unnecessary-type-assertion --
   built-ins are cached unbound on purpose (page scripts may replace them later) and always
   called through Reflect.apply, whose result types are asserted at each call. */
export function captureFetch(win: typeof globalThis, channel: PageChannel, disguise: Disguise): void {
  const nativeFetch = win.fetch;
  const responseProto = win.Response.prototype;
  const then = win.Promise.prototype.then;
  const clone = responseProto.clone;
  const headersOf = getterOf(responseProto, 'headers');
  const urlOf = getterOf(responseProto, 'url');
  const bodyOf = getterOf(responseProto, 'body');
  const RequestClass = win.Request;
  const requestMethodOf = getterOf(RequestClass.prototype, 'method');
  const getHeader = win.Headers.prototype.get;
  const getReader = win.ReadableStream.prototype.getReader;
  const readerProto = win.ReadableStreamDefaultReader.prototype;
  const read = readerProto.read;
  const cancel = readerProto.cancel;
  if (!headersOf || !urlOf || !bodyOf || !requestMethodOf) return;
  const noop = (): void => {};

  const copy = (response: Response, requestBody: unknown, method: unknown, input: unknown): void => {
    const headers = apply(headersOf, response, []) as Headers;
    const contentType = (apply(getHeader, headers, ['content-type']) as string | null) ?? '';
    const url = apply(urlOf, response, []) as string;
    const length = Number(apply(getHeader, headers, ['content-length']));
    const decision = shouldCopyBody(contentType, url, length, channel.appHosts);
    if (!decision) {
      // A media link given as a redirect: its final URL is reported, its bytes are never read.
      // The URL asked for goes with it when the page passed a string (Flow's tRPC client does);
      // the background keeps the report only when the final URL differs from it (a redirect).
      if (MEDIA_REDIRECT.test(input as string)) channel.open(url, REDIRECT_CONTENT_TYPE, input)?.end('complete');
      return;
    }
    // Opened before cloning: a clone nobody reads would buffer the whole body. A body to sniff
    // is read from our own branch of the tee until the channel knows whether it is JSON.
    const stream = channel.open(url, contentType, requestBody, method, decision !== true);
    if (!stream) return;
    try {
      const body = apply(bodyOf, apply(clone, response, []) as Response, []) as ReadableStream<Uint8Array<ArrayBuffer>> | null;
      if (!body) return stream.end('complete');
      const reader = apply(getReader, body, []) as ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>>;
      // Cancelling our branch of the tee leaves the page's branch flowing.
      const stop = (): void => void (apply(then, apply(cancel, reader, []), [noop, noop]) as Promise<void>);
      const pump = (): void => {
        apply(then, apply(read, reader, []), [
          (result: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>) => {
            if (result.done) return stream.end('complete');
            if (stream.push(result.value)) return pump();
            stop();
          },
          // Typed Error, though a stream may reject with anything: only its name is read, and String() takes any value.
          (error: Error | null) => stream.end(error?.name === 'AbortError' ? 'aborted' : 'error', String(error)),
        ]);
      };
      pump();
    } catch (error) {
      stream.end('error', String(error));
    }
  };

  const wrappedFetch = new Proxy(nativeFetch, {
    apply(target, thisArg, args: Parameters<typeof fetch>) {
      const pending = apply(target, thisArg, args) as Promise<Response>;
      let requestBody: unknown;
      let method: unknown;
      try {
        requestBody = args[1]?.body;
        // A Request's own method, unless the init overrides it (as fetch itself decides).
        method = args[1]?.method ?? (args[0] instanceof RequestClass ? apply(requestMethodOf, args[0], []) : undefined);
      } catch {
        // an exotic init object or input: no model name or method, nothing else changes
      }
      // The page gets a promise settled exactly like the browser's: same Response, same
      // rejection (still reported as unhandled if the page ignores it). The tee is made in
      // our reaction, before any page code can touch the body.
      return apply(then, pending, [
        (response: Response) => {
          try {
            copy(response, requestBody, method, args[0]);
          } catch {
            // Never the page's problem.
          }
          return response;
        },
      ]) as Promise<Response>;
    },
  });
  disguise(wrappedFetch, nativeFetch);
  win.fetch = wrappedFetch;
}
