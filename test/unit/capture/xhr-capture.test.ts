import { beforeEach, describe, expect, it } from 'vitest';
import type { PageChannel } from '@/src/capture/page-channel';
import { captureXhr } from '@/src/capture/xhr-capture';
import { recordingChannel, type RecordedCopy } from '../../support/recording-channel';

/**
 * Just enough of XMLHttpRequest, on Node's EventTarget, to drive the hook through the states
 * and events of the XHR spec in Chromium's order; the real one is covered in test/e2e/clients.
 */
class FakeXhr extends EventTarget {
  static readonly DONE = 4;
  state = 0;
  code = 0;
  type: XMLHttpRequestResponseType = '';
  text = '';
  url = '';
  headers: Record<string, string> = {};
  get readyState(): number {
    return this.state;
  }
  get status(): number {
    return this.code;
  }
  get responseType(): XMLHttpRequestResponseType {
    return this.type;
  }
  get responseText(): string {
    if (this.type !== '' && this.type !== 'text') throw new Error('InvalidStateError');
    return this.text;
  }
  get response(): unknown {
    if (this.type !== 'json') return this.text;
    return this.state === 4 ? (JSON.parse(this.text) as unknown) : null;
  }
  get responseURL(): string {
    return this.url;
  }
  getResponseHeader(name: string): string | null {
    return this.headers[name] ?? null;
  }
  open(url: string): void {
    this.url = url;
    this.text = '';
    this.code = 0;
    this.state = 1;
    this.fire('readystatechange');
  }
  send(...body: [unknown?]): void {
    if (this.state !== 1 || body.length > 1) throw new Error('InvalidStateError');
  }
  abort(): void {
    // The spec's request error steps run only for a request in flight; a DONE one is just reset.
    if (this.state >= 2 && this.state < 4) {
      this.state = 4;
      this.code = 0;
      this.text = '';
      this.fire('readystatechange', 'abort', 'loadend');
    }
    this.state = 0;
    this.text = '';
  }
  // What the network does:
  respond(contentType: string): void {
    this.headers = { 'content-type': contentType };
    this.code = 200;
    this.state = 2;
    this.fire('readystatechange');
  }
  receive(text: string): void {
    this.state = 3;
    this.text += text;
    this.fire('readystatechange', 'progress');
  }
  finish(): void {
    this.state = 4;
    this.fire('progress', 'readystatechange', 'load', 'loadend');
  }
  private fire(...types: string[]): void {
    for (const type of types) this.dispatchEvent(new Event(type));
  }
}

/** A fresh class with every member on its own prototype, as the browser's (the hook reads the accessors there). */
function xhrClass(Base: typeof FakeXhr): typeof FakeXhr {
  const Xhr = class extends Base {};
  for (const source of new Set([FakeXhr.prototype, Base.prototype])) {
    for (const [name, member] of Object.entries(Object.getOwnPropertyDescriptors(source))) {
      if (name !== 'constructor') Object.defineProperty(Xhr.prototype, name, member);
    }
  }
  return Xhr;
}

let copies: RecordedCopy[];
let channel: PageChannel;
let disguised: Array<[object, object]>;

/** Installs the hook on a fresh XHR class; returns the class the page would see. */
function install(Base: typeof FakeXhr = FakeXhr): { Xhr: typeof FakeXhr; Native: typeof FakeXhr } {
  const Native = xhrClass(Base);
  const win = { XMLHttpRequest: Native, EventTarget, Event, JSON, WeakMap } as unknown as typeof globalThis;
  captureXhr(win, channel, (wrapper, native) => disguised.push([wrapper, native]));
  return { Xhr: (win as unknown as { XMLHttpRequest: typeof FakeXhr }).XMLHttpRequest, Native };
}

beforeEach(() => {
  disguised = [];
  ({ channel, copies } = recordingChannel());
});

const chatUrl = 'http://localhost:3080/api/ask/chat';
const body = '{"model":"cogvideox","stream":true}';

describe('captureXhr', () => {
  it('copies only the text added since the last event, and ends when the request is done', () => {
    const xhr = new (install().Xhr)();
    xhr.open(chatUrl);
    xhr.send(body);
    xhr.respond('text/event-stream');
    xhr.receive('data: {"a":');
    xhr.receive('1}\n\n');
    xhr.finish();
    expect(copies).toEqual([{ url: chatUrl, contentType: 'text/event-stream', requestBody: body, chunks: ['data: {"a":', '1}\n\n'], outcome: 'complete' }]);
  });

  it('has it all when a page listener aborts in the event that brings the end (sse.js close())', () => {
    const xhr = new (install().Xhr)();
    xhr.addEventListener('progress', () => {
      if (xhr.responseText.includes('[DONE]')) xhr.abort();
    });
    xhr.open(chatUrl);
    xhr.send(body);
    xhr.respond('text/event-stream');
    xhr.receive('data: 1\n\n');
    xhr.text += 'data: [DONE]\n\n';
    xhr.finish();
    expect(copies[0]).toMatchObject({ chunks: ['data: 1\n\n', 'data: [DONE]\n\n'], outcome: 'complete' });
  });

  it("copies responseType 'json' once, when done", () => {
    const xhr = new (install().Xhr)();
    xhr.open('http://localhost/v1/chat/completions');
    xhr.type = 'json';
    xhr.send();
    xhr.respond('application/json');
    xhr.receive('{"choices":');
    xhr.receive('[]}');
    xhr.finish();
    expect(copies[0]).toMatchObject({ chunks: ['{"choices":[]}'], outcome: 'complete' });
  });

  it('leaves responses that cannot be chat answers, and other response types, alone', () => {
    const { Xhr } = install();
    const html = new Xhr();
    html.open(chatUrl);
    html.send();
    html.respond('text/html');
    html.receive('<p>');
    html.finish();
    const blob = new Xhr();
    blob.open(chatUrl);
    blob.type = 'blob';
    blob.send();
    blob.respond('text/event-stream');
    blob.finish();
    expect(copies).toEqual([]);
  });

  it('on a video app page, copies its hosts’ JSON whatever the path, and has text/plain sniffed by the channel', () => {
    ({ channel, copies } = recordingChannel(['vidu.com']));
    const { Xhr } = install();
    const json = new Xhr();
    json.open('https://service.vidu.com/vidu/v2/items/1');
    json.send();
    json.respond('application/json');
    json.receive('{"id":1}');
    json.finish();
    const plain = new Xhr();
    plain.open('https://service.vidu.com/vidu/v2/items/2');
    plain.send();
    plain.respond('text/plain');
    plain.receive('  \n');
    plain.receive(' [{"id":2}]');
    plain.finish();
    const text = new Xhr();
    text.open('https://service.vidu.com/vidu/v2/robots');
    text.send();
    text.respond('text/plain');
    text.receive('User-agent: *');
    text.finish();
    const other = new Xhr();
    other.open('https://cdn.example.test/v2/items/3');
    other.send();
    other.respond('application/json');
    other.receive('{}');
    other.finish();
    expect(copies).toEqual([
      { url: 'https://service.vidu.com/vidu/v2/items/1', contentType: 'application/json', requestBody: undefined, chunks: ['{"id":1}'], outcome: 'complete' },
      { url: 'https://service.vidu.com/vidu/v2/items/2', contentType: 'text/plain', requestBody: undefined, chunks: ['  \n', ' [{"id":2}]'], outcome: 'complete', sniff: true },
      { url: 'https://service.vidu.com/vidu/v2/robots', contentType: 'text/plain', requestBody: undefined, chunks: ['User-agent: *'], outcome: 'complete', sniff: true },
    ]);
  });

  it('ends the copy as aborted on abort() in flight and on a reopen, and copies the next request anew', () => {
    const { Xhr } = install();
    const aborted = new Xhr();
    aborted.open(chatUrl);
    aborted.send();
    aborted.respond('text/event-stream');
    aborted.receive('data: 1\n\n');
    aborted.abort();
    const reused = new Xhr();
    reused.open(chatUrl);
    reused.send();
    reused.respond('text/event-stream');
    reused.receive('data: 2\n\n');
    reused.open(chatUrl);
    reused.send();
    reused.respond('text/event-stream');
    reused.receive('data: 3\n\n');
    reused.finish();
    expect(copies.map((copy) => [copy.chunks, copy.outcome])).toEqual([
      [['data: 1\n\n'], 'aborted'],
      [['data: 2\n\n'], 'aborted'],
      [['data: 3\n\n'], 'complete'],
    ]);
  });

  it('reads a synchronous request, whose events all fire inside send()', () => {
    class SyncXhr extends FakeXhr {
      override send(...body: [unknown?]): void {
        super.send(...body);
        this.headers = { 'content-type': 'text/event-stream' };
        this.code = 200;
        this.text = 'data: whole\n\n';
        this.finish();
      }
    }
    const xhr = new (install(SyncXhr).Xhr)();
    xhr.open(chatUrl);
    xhr.send(body);
    expect(copies).toEqual([{ url: chatUrl, contentType: 'text/event-stream', requestBody: body, chunks: ['data: whole\n\n'], outcome: 'complete' }]);
  });

  it('looks like the native XMLHttpRequest: same object, statics, errors; disguised as native', () => {
    const { Xhr, Native } = install();
    const xhr = new Xhr();
    expect(xhr).toBeInstanceOf(Xhr);
    expect(Object.getPrototypeOf(xhr)).toBe(Native.prototype);
    expect(xhr.constructor).toBe(Xhr);
    expect(Xhr.DONE).toBe(4);
    expect(() => xhr.send()).toThrow('InvalidStateError');
    expect(disguised.map(([, native]) => native)).toEqual([
      Native,
      Object.getOwnPropertyDescriptor(FakeXhr.prototype, 'send')?.value,
      Object.getOwnPropertyDescriptor(FakeXhr.prototype, 'open')?.value,
    ]);
  });

  it('fails open: a channel that throws leaves the request untouched', () => {
    channel.open = () => {
      throw new Error('broken channel');
    };
    const xhr = new (install().Xhr)();
    xhr.open(chatUrl);
    xhr.send();
    xhr.respond('text/event-stream');
    xhr.receive('data: 1\n\n');
    xhr.finish();
    expect(xhr.responseText).toBe('data: 1\n\n');
  });
});
