import { apply, getterOf, notedMethod, watchedConstructor } from './built-ins';
import type { Disguise } from './native-disguise';
import type { CopyStream, PageChannel } from './page-channel';

/**
 * Wraps the `EventSource` constructor so the messages of every event stream the page opens
 * are copied to the relay, written back into SSE text (`event: x` + `data:` lines) so the
 * background reads them like a fetched event stream. The page gets the browser's own object
 * (same prototype, constants, `instanceof`); the copy only adds listeners to it.
 *
 * Named events reach only listeners for their name, so the copy listens to every name the
 * page listens to: `addEventListener` is wrapped to tell it, for event sources only.
 * One connection is one stream: a reconnection starts a new one.
 */
/* eslint-disable @typescript-eslint/unbound-method -- built-ins are cached unbound on purpose
   (page scripts may replace them later) and always called through Reflect.apply. */
export function captureEventSource(win: typeof globalThis, channel: PageChannel, disguise: Disguise): void {
  const NativeEventSource = win.EventSource;
  const proto = NativeEventSource.prototype;
  const urlOf = getterOf(proto, 'url');
  const readyStateOf = getterOf(proto, 'readyState');
  const NativeMessageEvent = win.MessageEvent;
  const dataOf = getterOf(NativeMessageEvent.prototype, 'data');
  const typeOf = getterOf(win.Event.prototype, 'type');
  const targetProto = win.EventTarget.prototype;
  const listen = targetProto.addEventListener;
  const later = win.setTimeout;
  const createObject = win.Object.create;
  const replaceAll = win.String.prototype.replaceAll;
  /** Per event source: adds the copy's listener for one more event name. */
  const sources = new win.WeakMap<object, (type: unknown) => void>();
  const followerOf = win.WeakMap.prototype.get;
  const remember = win.WeakMap.prototype.set;
  if (!urlOf || !readyStateOf || !dataOf || !typeOf) return;

  const watch = (source: EventSource): void => {
    const followed = createObject(null) as Record<string, true | undefined>;
    let stream: CopyStream | undefined;
    const end = (outcome: 'complete' | 'error'): void => {
      stream?.end(outcome);
      stream = undefined;
    };
    const closedByPage = (): void => {
      if ((apply(readyStateOf, source, []) as number) === 2) end('complete');
    };
    const onEvent = (event: Event): void => {
      try {
        const type = apply(typeOf, event, []) as string;
        const data: unknown = event instanceof NativeMessageEvent ? apply(dataOf, event, []) : undefined;
        if (typeof data !== 'string') {
          // A connection error: the browser reconnects (CONNECTING) or gave up (CLOSED).
          if (type === 'error') end((apply(readyStateOf, source, []) as number) === 2 ? 'error' : 'complete');
          return;
        }
        stream ??= channel.open(apply(urlOf, source, []) as string, 'text/event-stream');
        const lines = apply(replaceAll, data, ['\n', '\ndata: ']) as string;
        stream?.push(`${type === 'message' ? '' : `event: ${type}\n`}data: ${lines}\n\n`);
        // A page that is done calls close() in its own listener, which runs after this one.
        apply(later, win, [closedByPage, 0]);
      } catch {
        end('error');
      }
    };
    const follow = (type: unknown): void => {
      if (typeof type !== 'string' || followed[type] || type === 'open') return;
      followed[type] = true;
      apply(listen, source, [type, onEvent]);
    };
    follow('message');
    follow('error');
    apply(remember, sources, [source, follow]);
  };

  const WrappedEventSource = watchedConstructor(NativeEventSource, watch);
  // A source's named events are followed as the page starts listening for them: our listener
  // goes first, so it sees each event before any of the page's.
  const wrappedListen = notedMethod(listen, (self, args) => {
    (apply(followerOf, sources, [self]) as ((type: unknown) => void) | undefined)?.(args[0]);
  });
  disguise(WrappedEventSource, NativeEventSource);
  disguise(wrappedListen, listen);
  targetProto.addEventListener = wrappedListen;
  proto.constructor = WrappedEventSource;
  win.EventSource = WrappedEventSource;
}
