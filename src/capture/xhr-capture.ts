import type { StreamOutcome } from '../protocol/messages';
import { apply, getterOf, notedMethod, watchedConstructor } from './built-ins';
import type { Disguise } from './native-disguise';
import type { CopyStream, PageChannel } from './page-channel';
import { shouldCopyBody } from './should-copy-body';

/** Events of an XMLHttpRequest the copy follows. */
const EVENTS = ['readystatechange', 'progress', 'abort', 'error', 'timeout', 'loadend'] as const;

/**
 * Wraps the `XMLHttpRequest` constructor so that responses that can carry a chat answer
 * (LibreChat's `sse.js` streams over XHR) are copied to the relay. Only getters are read,
 * never set: the page gets the browser's own object and sees the same `responseText`, the
 * same events. The copy is decided when headers arrive (content type and `responseURL`),
 * then each event copies the text added since the last one; `responseType` 'json' is copied
 * once, when done. `send` is wrapped only to learn the request body (for the model name).
 *
 * The copy listens from construction, so it runs before every listener of the page: Chromium
 * and Firefox call listeners at the target in the order they were added, whatever their capture flag,
 * and a page listener may abort(), which empties `responseText` at once (sse.js closes in
 * the event that brings `[DONE]`, even after the request is done).
 */
/* eslint-disable @typescript-eslint/unbound-method, @typescript-eslint/no-unnecessary-type-assertion --
   built-ins are cached unbound on purpose (page scripts may replace them later) and always
   called through Reflect.apply, whose result types are asserted at each call. */
export function captureXhr(win: typeof globalThis, channel: PageChannel, disguise: Disguise): void {
  const NativeXhr = win.XMLHttpRequest;
  const proto = NativeXhr.prototype;
  const nativeSend = proto.send;
  const nativeOpen = proto.open;
  const readyStateOf = getterOf(proto, 'readyState');
  const statusOf = getterOf(proto, 'status');
  const responseTypeOf = getterOf(proto, 'responseType');
  const textOf = getterOf(proto, 'responseText');
  const responseOf = getterOf(proto, 'response');
  const urlOf = getterOf(proto, 'responseURL');
  const typeOf = getterOf(win.Event.prototype, 'type');
  const getHeader = proto.getResponseHeader;
  const listen = win.EventTarget.prototype.addEventListener;
  const stringify = win.JSON.stringify;
  const bodies = new win.WeakMap<object, unknown>();
  const methods = new win.WeakMap<object, unknown>();
  const bodyOf = win.WeakMap.prototype.get;
  const remember = win.WeakMap.prototype.set;
  if (!readyStateOf || !statusOf || !responseTypeOf || !textOf || !responseOf || !urlOf || !typeOf) return;

  /** Follows every request the object makes, one copy per request. */
  const watch = (xhr: XMLHttpRequest): void => {
    // undefined: not decided yet (before headers); null: not copied, or the copy ended.
    let stream: CopyStream | null | undefined;
    let copied = 0;
    let failure: StreamOutcome | undefined;
    const onEvent = (event: Event): void => {
      try {
        const type = apply(typeOf, event, []) as string;
        const state = apply(readyStateOf, xhr, []) as number;
        if (type === 'abort') failure = 'aborted';
        else if (type === 'error' || type === 'timeout') failure = 'error';
        if (state < 2) {
          // open() again, or reset by abort(): a new request may follow.
          if (stream) stream.end('aborted');
          stream = undefined;
          copied = 0;
          failure = undefined;
          return;
        }
        if (stream === undefined) {
          const header = (name: string) => apply(getHeader, xhr, [name]) as string | null;
          const contentType = header('content-type') ?? '';
          const length = Number(header('content-length'));
          const url = apply(urlOf, xhr, []) as string;
          const responseType = apply(responseTypeOf, xhr, []) as string;
          const decision = (responseType === '' || responseType === 'text' || responseType === 'json') && shouldCopyBody(contentType, url, length, channel.appHosts);
          stream = (decision && channel.open(url, contentType, apply(bodyOf, bodies, [xhr]), apply(bodyOf, methods, [xhr]), decision !== true)) || null;
        }
        if (stream === null) return;
        // DONE with a status: the whole body is here (a failed request is DONE with status 0).
        const done = state === 4 && (apply(statusOf, xhr, []) as number) !== 0;
        const responseType = apply(responseTypeOf, xhr, []) as string;
        // `responseText` throws for 'json', whose value only exists once the request is done.
        const text =
          responseType === 'json'
            ? done
              ? ((apply(stringify, null, [apply(responseOf, xhr, [])]) as string | undefined) ?? '')
              : ''
            : responseType === '' || responseType === 'text'
              ? (apply(textOf, xhr, []) as string)
              : '';
        if (text.length > copied) {
          const added = text.slice(copied);
          copied = text.length;
          if (!stream.push(added)) stream = null;
        }
        if (done || type === 'loadend') {
          stream?.end(done ? 'complete' : (failure ?? 'error'));
          stream = null;
        }
      } catch (error) {
        if (stream) stream.end('error', String(error));
        stream = null;
      }
    };
    for (const type of EVENTS) apply(listen, xhr, [type, onEvent]);
  };

  const WrappedXhr = watchedConstructor(NativeXhr, watch);
  // send and open are followed only to learn the request body (the prompt) and the method.
  const wrappedSend = notedMethod(nativeSend, (self, args) => void apply(remember, bodies, [self, args[0]]));
  const wrappedOpen = notedMethod(nativeOpen, (self, args) => void apply(remember, methods, [self, args[0]]));
  disguise(WrappedXhr, NativeXhr);
  disguise(wrappedSend, nativeSend);
  disguise(wrappedOpen, nativeOpen);
  proto.send = wrappedSend;
  proto.open = wrappedOpen;
  proto.constructor = WrappedXhr;
  win.XMLHttpRequest = WrappedXhr;
}
