import { afterEach, describe, expect, it } from 'vitest';
import { MAX_COPY_BYTES, openPageChannel, type PageChannel } from '@/src/capture/page-channel';
import { PAGE_PORT_EVENT, PAGE_READY, type PageMessage } from '@/src/protocol/messages';

const ports: Array<() => void> = [];
afterEach(() => ports.splice(0).forEach((close) => close()));

/** A window stand-in on Node's EventTarget and MessageChannel, with a relay that takes the port. */
function pageWindow(withRelay: boolean, appHosts?: string[]): { win: typeof globalThis; received: PageMessage[]; ready: Promise<void> } {
  const win = Object.assign(new EventTarget(), { MessagePort, MessageChannel, MessageEvent }) as unknown as typeof globalThis;
  const received: PageMessage[] = [];
  let taken: MessagePort | undefined;
  const ready = new Promise<void>((resolve) => {
    if (!withRelay) return resolve();
    win.addEventListener(PAGE_PORT_EVENT, (event) => {
      taken = (event as MessageEvent).ports[0];
      if (!taken) return;
      taken.onmessage = (message: MessageEvent<PageMessage>) => received.push(message.data);
      if (appHosts) taken.postMessage(appHosts);
      taken.postMessage(PAGE_READY);
      // The page world marks itself ready when the answer arrives.
      setTimeout(resolve, 20);
    });
  });
  ports.push(() => taken?.close());
  return { win, received, ready };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('openPageChannel', () => {
  it('learns the video app’s hosts the relay sends before it is ready; none elsewhere', async () => {
    const app = pageWindow(true, ['vidu.com', 'vidu.cn']);
    const appChannel = openPageChannel(app.win);
    expect(appChannel.appHosts).toEqual([]);
    await app.ready;
    expect(appChannel.appHosts).toEqual(['vidu.com', 'vidu.cn']);
    const chat = pageWindow(true);
    const chatChannel = openPageChannel(chat.win);
    await chat.ready;
    expect(chatChannel.appHosts).toEqual([]);
  });

  it('numbers streams and posts open, text and bytes chunks, and one end', async () => {
    const { win, received, ready } = pageWindow(true);
    const channel: PageChannel = openPageChannel(win);
    await ready;
    const stream = channel.open('http://localhost/v1/chat/completions', 'text/event-stream', '{"model":"m"}')!;
    expect(stream.push('data: 1\n\n')).toBe(true);
    expect(stream.push(new Uint8Array([100]))).toBe(true);
    stream.end('complete');
    stream.end('error');
    expect(stream.push('late')).toBe(false);
    channel.open('http://localhost/ws/socket.io/', 'application/x-video-keeper-websocket+ndjson', { not: 'a string' })!.end('aborted');
    await settle();
    expect(received).toEqual([
      { kind: 'open', id: 1, url: 'http://localhost/v1/chat/completions', contentType: 'text/event-stream', requestBody: '{"model":"m"}' },
      { kind: 'chunk', id: 1, text: 'data: 1\n\n' },
      { kind: 'chunk', id: 1, bytes: new Uint8Array([100]) },
      { kind: 'end', id: 1, outcome: 'complete' },
      { kind: 'open', id: 2, url: 'http://localhost/ws/socket.io/', contentType: 'application/x-video-keeper-websocket+ndjson' },
      { kind: 'end', id: 2, outcome: 'aborted' },
    ]);
  });

  it('opens a sniffed copy only once its first non-blank character opens JSON; any other ends it unseen', async () => {
    const { win, received, ready } = pageWindow(true, ['vidu.com']);
    const channel = openPageChannel(win);
    await ready;
    const text = channel.open('https://service.vidu.com/v9/items', 'text/plain', undefined, 'GET', true)!;
    // Blank so far: nothing is posted, the hook reads on.
    expect(text.push('  \n')).toBe(true);
    expect(text.push(' [{"id":2}]')).toBe(true);
    text.end('complete');
    const bytes = channel.open('https://service.vidu.com/v9/item', '', undefined, 'GET', true)!;
    expect(bytes.push(new Uint8Array([0x20, 0x0a]))).toBe(true);
    expect(bytes.push(new Uint8Array([0x7b, 0x7d]))).toBe(true);
    bytes.end('complete');
    const robots = channel.open('https://service.vidu.com/robots.txt', 'text/plain', undefined, 'GET', true)!;
    expect(robots.push('User-agent: *')).toBe(false);
    expect(robots.push('[]')).toBe(false);
    robots.end('complete');
    const binary = channel.open('https://service.vidu.com/blob', '', undefined, 'GET', true)!;
    expect(binary.push(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b]))).toBe(false);
    binary.end('complete');
    // Blank to the end: never opened, so nothing to end either.
    const blank = channel.open('https://service.vidu.com/ping', 'text/plain', undefined, 'GET', true)!;
    expect(blank.push('\n')).toBe(true);
    blank.end('complete');
    await settle();
    expect(received).toEqual([
      { kind: 'open', id: 1, url: 'https://service.vidu.com/v9/items', contentType: 'text/plain', method: 'GET' },
      { kind: 'chunk', id: 1, text: ' [{"id":2}]' },
      { kind: 'end', id: 1, outcome: 'complete' },
      { kind: 'open', id: 2, url: 'https://service.vidu.com/v9/item', contentType: '', method: 'GET' },
      { kind: 'chunk', id: 2, bytes: new Uint8Array([0x7b, 0x7d]) },
      { kind: 'end', id: 2, outcome: 'complete' },
    ]);
  });

  it('cuts a copy past its cap and marks it truncated', async () => {
    const { win, received, ready } = pageWindow(true);
    const channel = openPageChannel(win);
    await ready;
    const stream = channel.open('http://localhost/chat', 'text/event-stream')!;
    expect(stream.push('x'.repeat(MAX_COPY_BYTES))).toBe(true);
    expect(stream.push('y')).toBe(false);
    await settle();
    expect(received.map((message) => message.kind)).toEqual(['open', 'chunk', 'end']);
    expect(received.at(-1)).toEqual({ kind: 'end', id: 1, outcome: 'truncated' });
  });

  it('copies nothing while no relay listens', async () => {
    const { win } = pageWindow(false);
    const channel = openPageChannel(win);
    await settle();
    expect(channel.open('http://localhost/chat', 'text/event-stream')).toBeUndefined();
  });
});
