import { beforeEach, describe, expect, it } from 'vitest';
import { captureEventSource } from '@/src/capture/event-source-capture';
import type { PageChannel } from '@/src/capture/page-channel';
import { recordingChannel, type RecordedCopy } from '../../support/recording-channel';

/**
 * Just enough of EventSource, made fresh per test on an EventTarget class of its own (the hook
 * wraps `EventTarget.prototype.addEventListener`, which must not be Node's), to drive the hook
 * with messages and named events; the real one is covered in test/e2e/clients.
 */
function eventSourceClasses() {
  class PageEventTarget extends EventTarget {}
  // An own addEventListener, as a browser's EventTarget.prototype has: the hook replaces this one.
  Object.defineProperty(PageEventTarget.prototype, 'addEventListener', {
    value: Object.getOwnPropertyDescriptor(EventTarget.prototype, 'addEventListener')?.value as unknown,
    writable: true,
    configurable: true,
  });
  class FakeEventSource extends PageEventTarget {
    state = 0;
    constructor(readonly address: string) {
      super();
    }
    get url(): string {
      return this.address;
    }
    get readyState(): number {
      return this.state;
    }
    deliver(type: string, data: string): void {
      this.state = 1;
      this.dispatchEvent(new MessageEvent(type, { data }));
    }
    close(): void {
      this.state = 2;
    }
  }
  return { PageEventTarget, FakeEventSource };
}
type FakeEventSource = InstanceType<ReturnType<typeof eventSourceClasses>['FakeEventSource']>;

let copies: RecordedCopy[];
let channel: PageChannel;
let Source: new (url: string) => FakeEventSource;

beforeEach(() => {
  ({ channel, copies } = recordingChannel());
  const { PageEventTarget, FakeEventSource } = eventSourceClasses();
  const win = { EventSource: FakeEventSource, MessageEvent, Event, EventTarget: PageEventTarget, setTimeout, Object, String, WeakMap };
  captureEventSource(win as unknown as typeof globalThis, channel, () => {});
  Source = win.EventSource;
});

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('captureEventSource', () => {
  it('writes each message back as SSE, a data line per line of a multi-line message', () => {
    const source = new Source('http://localhost/v1/chat/stream');
    source.deliver('message', 'first');
    source.deliver('message', 'one\ntwo\nthree');
    expect(copies).toEqual([
      { url: 'http://localhost/v1/chat/stream', contentType: 'text/event-stream', chunks: ['data: first\n\n', 'data: one\ndata: two\ndata: three\n\n'] },
    ]);
  });

  it('copies a named event once the page listens to it, with its name', () => {
    const source = new Source('http://localhost/v1/chat/stream');
    source.deliver('update', 'unheard');
    source.addEventListener('update', () => {});
    source.deliver('update', '{"delta":"x"}');
    expect(copies[0]?.chunks).toEqual(['event: update\ndata: {"delta":"x"}\n\n']);
  });

  it('ends the copy as complete when the page closes the source', async () => {
    const source = new Source('http://localhost/v1/chat/stream');
    source.deliver('message', 'last');
    source.close();
    await settle();
    expect(copies[0]?.outcome).toBe('complete');
  });
});
