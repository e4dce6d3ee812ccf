import { describe, expect, it } from 'vitest';
import { REQUEST_MODEL } from './support/answer-streams';
import { expectGrowingResponseText, expectParsedCompletion, expectSeedMessages, seedText } from './support/client-expectations';
import { useClientHarness } from './support/client-harness';

const harness = useClientHarness(['browser-transports']);
const completions = () => `${harness.site.origin}/v1/chat/completions`;

describe("the browser's own XMLHttpRequest and EventSource", () => {
  for (const [transport, responseType] of [
    ['xhr', "''"],
    ['xhr-text', "'text'"],
  ] as const) {
    it(`XHR with responseType ${responseType}: the page's responseText grows as sent and the video is stored once`, async () => {
      const result = await harness.runClient('browser-transports', { transport });
      expectGrowingResponseText(result);
      await harness.expectSeedStoredOnce({ model: REQUEST_MODEL, endpointUrl: completions() });
    });
  }

  it("XHR with responseType 'json': the page gets the parsed completion and the video is stored once", async () => {
    const result = await harness.runClient('browser-transports', { transport: 'xhr-json' });
    expectParsedCompletion(result);
    await harness.expectSeedStoredOnce({ model: REQUEST_MODEL, endpointUrl: completions() });
  });

  it('XHR the page aborts in the event that brings the end (sse.js close()): the copy has it all', async () => {
    const result = await harness.runClient('browser-transports', { transport: 'xhr-abort-on-done' });
    expect(result.text).toBe(seedText);
    await harness.expectSeedStoredOnce({ model: REQUEST_MODEL, endpointUrl: `${completions()}?whole` });
  });

  it('EventSource: the page gets every message and the video is stored once', async () => {
    const result = await harness.runClient('browser-transports', { transport: 'event-source' });
    expectSeedMessages(result);
    await harness.expectSeedStoredOnce({ endpointUrl: completions() });
  });

  it('EventSource with named events the page listens to', async () => {
    const result = await harness.runClient('browser-transports', { transport: 'event-source-named' });
    expectSeedMessages(result);
    await harness.expectSeedStoredOnce({ endpointUrl: `${completions()}?event=delta` });
  });

  it('the wrapped built-ins look and behave like the native ones, next to a frame the extension leaves alone', async () => {
    const result = await harness.runClient('browser-transports', { transport: 'native-look' });
    const look = result.received[0] as {
      sources: string[];
      toStringOfToString: string;
      names: string[];
      lengths: number[];
      constants: number[];
      instances: boolean[];
      instanceOwnKeys: string[];
      protoKeys: Record<string, string[]>;
      cleanProtoKeys: Record<string, string[]>;
      errors: string[];
      cleanErrors: string[];
    };
    expect(look.sources).toEqual([
      'function fetch() { [native code] }',
      'function XMLHttpRequest() { [native code] }',
      'function EventSource() { [native code] }',
      'function WebSocket() { [native code] }',
      'function send() { [native code] }',
      'function addEventListener() { [native code] }',
      'function toString() { [native code] }',
    ]);
    expect(look.toStringOfToString).toBe('function toString() { [native code] }');
    expect(look.names).toEqual(['XMLHttpRequest', 'EventSource', 'WebSocket', 'send', 'addEventListener']);
    expect(look.lengths).toEqual([0, 1, 1, 0, 2]);
    expect(look.constants).toEqual([0, 4, 0, 1, 2, 0, 1, 2, 3]);
    expect(look.instances.every(Boolean)).toBe(true);
    expect(look.instanceOwnKeys).toEqual([]);
    expect(look.protoKeys).toEqual(look.cleanProtoKeys);
    expect(look.errors).toEqual(look.cleanErrors);
    expect(look.errors[0]).toMatch(/^TypeError: .*'new' operator/);
  });

  for (const over of ['fetch', 'xhr'] as const) {
    it(`a page that replaces built-ins after load changes neither its answer nor the capture (${over})`, async () => {
      const result = await harness.runClient('browser-transports', { transport: `tampered-${over}` });
      expect(result.text).toBe(seedText);
      expect(result.received).toEqual(['function fetch() { [native code] }']);
      await harness.expectSeedStoredOnce({ model: REQUEST_MODEL, endpointUrl: completions() });
    });
  }
});
