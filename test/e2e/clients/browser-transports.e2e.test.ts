import { describe, expect, it } from 'vitest';
import { REQUEST_MODEL } from './support/answer-streams';
import { expectGrowingResponseText, expectParsedCompletion, expectSeedMessages, runClientInPage, seedText } from './support/client-expectations';
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
    await harness.expectSeedStoredOnce({ model: REQUEST_MODEL, endpointUrl: completions() });
  });

  it('EventSource: the page gets every message and the video is stored once', async () => {
    const result = await harness.runClient('browser-transports', { transport: 'event-source' });
    expectSeedMessages(result);
    await harness.expectSeedStoredOnce({ endpointUrl: completions() });
  });

  it('EventSource with ?access_token=: the token, and the page\'s own secrets, are kept nowhere (IndexedDB, storage, capture log, export)', async () => {
    const tab = harness.page;
    await tab.bringToFront();
    const page = harness.site.pageUrl('browser-transports');
    await tab.goto(`${page}?chat=7&session=SECRET-SESSION-e2e#SECRET-FRAGMENT-e2e`);
    const result = await tab.evaluate(runClientInPage, { transport: 'event-source-token' });
    expectSeedMessages(result);
    await harness.expectSeedStoredOnce({ endpointUrl: completions(), pageUrl: `${page}?chat=7` });
    expect(JSON.stringify(await harness.library.storedEntries())).not.toMatch(/SECRET/);

    // storage.local (settings, the write backlog) and storage.session (the capture log), as the extension sees them.
    const storage = await harness.library.page.evaluate(async () => {
      type Area = { get(key: null): Promise<Record<string, unknown>> };
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: Area; session: Area } } };
      return JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]);
    });
    expect(storage).toContain('/v1/chat/completions');
    expect(storage).not.toMatch(/SECRET/);

    const options = await harness.chromium.context.newPage();
    await options.goto(`chrome-extension://${harness.chromium.extensionId}/options.html`);
    // The export is saved through a Blob URL and an <a download>: take the Blob as it is made.
    await options.evaluate(() => {
      const made: Blob[] = [];
      const original = URL.createObjectURL.bind(URL);
      (globalThis as unknown as { exportedBlobs: Blob[] }).exportedBlobs = made;
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        if (blob instanceof Blob) made.push(blob);
        return original(blob);
      };
    });
    await options.locator('button[data-action="export-library"]').click();
    const exportedText = () => options.evaluate(() => (globalThis as unknown as { exportedBlobs: Blob[] }).exportedBlobs[0]?.text() ?? '');
    await expect.poll(exportedText).toContain('video-keeper-library');
    const exported = await exportedText();
    expect(exported).toContain(completions());
    expect(exported).not.toMatch(/SECRET/);
    await options.close();
  });

  it('EventSource with named events the page listens to', async () => {
    const result = await harness.runClient('browser-transports', { transport: 'event-source-named' });
    expectSeedMessages(result);
    await harness.expectSeedStoredOnce({ endpointUrl: completions() });
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
