/* eslint-disable @typescript-eslint/unbound-method -- the page inspects and swaps built-ins themselves */
import { exposeClient, type ClientResult } from '../client-result';

/** The browser's own transports, used directly: XMLHttpRequest, EventSource, and checks that the hooks stay invisible. */
export type BrowserTransport =
  | 'xhr'
  | 'xhr-text'
  | 'xhr-json'
  | 'xhr-abort-on-done'
  | 'event-source'
  | 'event-source-named'
  | 'event-source-token'
  | 'native-look'
  | 'tampered-fetch'
  | 'tampered-xhr';

const requestBody = (stream: boolean) =>
  JSON.stringify({ model: 'cogvideox-demo', stream, messages: [{ role: 'user', content: '一条狗' }] });

/**
 * POSTs like sse.js and LibreChat do; `received` holds responseText at every progress event.
 * With `abortOnDone`, the page aborts in the progress event that brings `[DONE]` (sse.js's
 * close()), which empties responseText at once, and the whole answer comes in one write.
 */
function xhr(responseType: XMLHttpRequestResponseType, stream: boolean, abortOnDone = false): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const received: unknown[] = [];
    if (abortOnDone) {
      request.addEventListener('progress', () => {
        const text = request.responseText;
        if (!text.includes('data: [DONE]')) return;
        request.abort();
        resolve({ text, received: [text] });
      });
    }
    request.open('POST', `/v1/chat/completions${abortOnDone ? '?whole' : ''}`);
    request.setRequestHeader('content-type', 'application/json');
    request.responseType = responseType;
    request.onprogress = () => {
      if (responseType !== 'json') received.push(request.responseText);
    };
    request.onload = () => {
      if (responseType === 'json') {
        const completion = request.response as { choices: Array<{ message: { content: string } }> };
        resolve({ text: completion.choices[0]?.message.content ?? '', received: [completion] });
      } else resolve({ text: request.responseText, received });
    };
    request.onerror = () => reject(new Error('XHR failed'));
    request.send(requestBody(stream));
  });
}

/** Reads the seed's deltas from a native EventSource; `event` names the events the server sends. */
/** `query`: more of the URL's query string, as an app that cannot set headers puts its `access_token` there. */
function eventSource(event?: string, query?: string): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const params = [...(event ? [`event=${event}`] : []), ...(query ? [query] : [])];
    const source = new EventSource(`/v1/chat/completions${params.length > 0 ? `?${params.join('&')}` : ''}`);
    const received: unknown[] = [];
    let text = '';
    source.addEventListener(event ?? 'message', (message) => {
      const { data } = message as MessageEvent<string>;
      received.push(data);
      if (data === '[DONE]') {
        source.close();
        resolve({ text, received });
        return;
      }
      text += (JSON.parse(data) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? '';
    });
    source.onerror = () => reject(new Error('EventSource failed'));
  });
}

/** What a page can observe of the wrapped built-ins, next to a frame the extension does not touch. */
function nativeLook(): ClientResult {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const clean = frame.contentWindow as typeof window;
  const request = new XMLHttpRequest();
  const source = new EventSource('/v1/chat/completions?event=unheard');
  const socket = new WebSocket(`ws://${location.host}/ws/socket.io/?EIO=4&transport=websocket`);
  class Subclass extends EventSource {}
  const subclassed = new Subclass('/v1/chat/completions?event=unheard');
  const callError = (construct: () => unknown): string => {
    try {
      construct();
      return 'no error';
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };
  const look = {
    sources: [
      fetch,
      XMLHttpRequest,
      EventSource,
      WebSocket,
      XMLHttpRequest.prototype.send,
      EventTarget.prototype.addEventListener,
      Function.prototype.toString,
    ].map(
      (fn) => Function.prototype.toString.call(fn),
    ),
    toStringOfToString: Function.prototype.toString.toString(),
    names: [XMLHttpRequest.name, EventSource.name, WebSocket.name, XMLHttpRequest.prototype.send.name, EventTarget.prototype.addEventListener.name],
    lengths: [XMLHttpRequest.length, EventSource.length, WebSocket.length, XMLHttpRequest.prototype.send.length, EventTarget.prototype.addEventListener.length],
    constants: [
      XMLHttpRequest.UNSENT,
      XMLHttpRequest.DONE,
      EventSource.CONNECTING,
      EventSource.OPEN,
      EventSource.CLOSED,
      WebSocket.CONNECTING,
      WebSocket.OPEN,
      WebSocket.CLOSING,
      WebSocket.CLOSED,
    ],
    instances: [
      request instanceof XMLHttpRequest,
      request instanceof XMLHttpRequestEventTarget,
      Object.getPrototypeOf(request) === XMLHttpRequest.prototype,
      request.constructor === XMLHttpRequest,
      source instanceof EventSource,
      source instanceof EventTarget,
      socket instanceof WebSocket,
      subclassed instanceof Subclass,
      subclassed instanceof EventSource,
      Object.getPrototypeOf(source) === EventSource.prototype,
      Object.getPrototypeOf(subclassed) === Subclass.prototype,
      source.constructor === EventSource,
      socket.constructor === WebSocket,
      EventSource.prototype.constructor === EventSource,
    ],
    instanceOwnKeys: [...Object.getOwnPropertyNames(request), ...Object.getOwnPropertyNames(source), ...Object.getOwnPropertyNames(socket)],
    protoKeys: {
      eventSource: Object.getOwnPropertyNames(EventSource.prototype).sort(),
      webSocket: Object.getOwnPropertyNames(WebSocket.prototype).sort(),
      xhr: Object.getOwnPropertyNames(XMLHttpRequest.prototype).sort(),
      eventTarget: Object.getOwnPropertyNames(EventTarget.prototype).sort(),
    },
    cleanProtoKeys: {
      eventSource: Object.getOwnPropertyNames(clean.EventSource.prototype).sort(),
      webSocket: Object.getOwnPropertyNames(clean.WebSocket.prototype).sort(),
      xhr: Object.getOwnPropertyNames(clean.XMLHttpRequest.prototype).sort(),
      eventTarget: Object.getOwnPropertyNames(clean.EventTarget.prototype).sort(),
    },
    errors: [
      callError(() => (XMLHttpRequest as unknown as () => unknown)()),
      callError(() => (EventSource as unknown as () => unknown)()),
      callError(() => new WebSocket('http://exa mple')),
      callError(() => new WebSocket('ws://example.test/#fragment')),
    ],
    cleanErrors: [
      callError(() => (clean.XMLHttpRequest as unknown as () => unknown)()),
      callError(() => (clean.EventSource as unknown as () => unknown)()),
      callError(() => new clean.WebSocket('http://exa mple')),
      callError(() => new clean.WebSocket('ws://example.test/#fragment')),
    ],
  };
  source.close();
  subclassed.close();
  socket.close();
  return { text: '', received: [look] };
}

/**
 * A page that replaces built-ins after load, then streams the answer over `fetch` or XHR: the
 * hooks use the built-ins cached at document start, and the page's own read is unchanged.
 * The built-ins are put back before returning (the test driver itself relies on them).
 */
async function tampered(over: 'fetch' | 'xhr'): Promise<ClientResult> {
  const body = requestBody(true);
  const saved = {
    clone: Response.prototype.clone,
    postMessage: MessagePort.prototype.postMessage,
    getResponseHeader: XMLHttpRequest.prototype.getResponseHeader,
    responseText: Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, 'responseText')!,
    stringify: JSON.stringify,
    weakMapGet: WeakMap.prototype.get,
    then: Promise.prototype.then,
  };
  Response.prototype.clone = () => {
    throw new Error('tampered clone');
  };
  MessagePort.prototype.postMessage = () => {
    throw new Error('tampered postMessage');
  };
  XMLHttpRequest.prototype.getResponseHeader = () => 'text/html';
  Object.defineProperty(XMLHttpRequest.prototype, 'responseText', { configurable: true, get: () => 'tampered' });
  JSON.stringify = () => 'tampered';
  WeakMap.prototype.get = () => undefined;
  Promise.prototype.then = function tamperedThen() {
    throw new Error('tampered then');
  };
  try {
    const fetchSource = Function.prototype.toString.call(fetch);
    // The page reads with what it left working: a reader, `response` and async/await
    // (which does not look up `then` on native promises).
    let text = '';
    if (over === 'fetch') {
      const response = await fetch('/v1/chat/completions', { method: 'POST', body });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      for (let next = await reader.read(); !next.done; next = await reader.read()) text += decoder.decode(next.value, { stream: true });
      text += decoder.decode();
    } else {
      const request = new XMLHttpRequest();
      request.open('POST', '/v1/chat/completions');
      const loaded = new Promise<void>((resolve, reject) => {
        request.onload = () => resolve();
        request.onerror = () => reject(new Error('XHR failed'));
      });
      request.send(body);
      await loaded;
      text = request.response as string;
    }
    return { text, received: [fetchSource] };
  } finally {
    Response.prototype.clone = saved.clone;
    MessagePort.prototype.postMessage = saved.postMessage;
    XMLHttpRequest.prototype.getResponseHeader = saved.getResponseHeader;
    Object.defineProperty(XMLHttpRequest.prototype, 'responseText', saved.responseText);
    JSON.stringify = saved.stringify;
    WeakMap.prototype.get = saved.weakMapGet;
    Promise.prototype.then = saved.then;
  }
}

exposeClient(async (options) => {
  switch (options?.transport as BrowserTransport) {
    case 'xhr':
      return xhr('', true);
    case 'xhr-text':
      return xhr('text', true);
    case 'xhr-json':
      return xhr('json', false);
    case 'xhr-abort-on-done':
      return xhr('', true, true);
    case 'event-source':
      return eventSource();
    case 'event-source-named':
      return eventSource('delta');
    case 'event-source-token':
      return eventSource(undefined, 'access_token=SECRET-TOKEN-e2e');
    case 'native-look':
      return nativeLook();
    // Awaited: returning the promise would resolve through `then`, which the page replaced.
    case 'tampered-fetch':
      return await tampered('fetch');
    case 'tampered-xhr':
      return await tampered('xhr');
    default:
      throw new Error(`unknown transport ${String(options?.transport)}`);
  }
});
