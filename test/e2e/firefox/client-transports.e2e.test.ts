import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchFirefoxSession, type FirefoxSession } from './firefox-session';
import { REQUEST_MODEL } from '../clients/support/answer-streams';
import {
  expectGrowingResponseText,
  expectOpenWebUiChatEvents,
  expectParsedCompletion,
  expectSeedMessages,
  expectSeedStoredOnce,
  runClientInPage,
  seedText,
} from '../clients/support/client-expectations';
import type { ClientResult } from '../clients/support/client-result';
import { startClientSite, type ClientPageName, type ClientSite } from '../clients/support/client-site';
import { FirefoxLibraryPage } from './library-page';

// The pages, servers and checks of test/e2e/clients, driven in Firefox: the XHR, EventSource
// and WebSocket hooks there are Firefox's own built-ins, wrapped from a MAIN-world content script.

let session: FirefoxSession;
let site: ClientSite;
let library: FirefoxLibraryPage;
let page: Page;

beforeAll(async () => {
  site = await startClientSite(['browser-transports', 'socket-io']);
  session = await launchFirefoxSession('clients');
  ({ library, page } = session);
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

beforeEach(async () => {
  await library.clear();
});

/** Opens a client's test page and runs its client. */
async function runClient(name: ClientPageName, options?: Record<string, unknown>): Promise<ClientResult> {
  await page.bringToFront();
  await page.goto(site.pageUrl(name));
  return page.evaluate(runClientInPage, options);
}

const completions = () => `${site.origin}/v1/chat/completions`;

describe("Firefox's own XMLHttpRequest and EventSource", () => {
  for (const [transport, responseType] of [
    ['xhr', "''"],
    ['xhr-text', "'text'"],
  ] as const) {
    it(`XHR with responseType ${responseType}: the page's responseText grows as sent and the video is stored once`, async () => {
      expectGrowingResponseText(await runClient('browser-transports', { transport }));
      await expectSeedStoredOnce(library, site.origin, { model: REQUEST_MODEL, endpointUrl: completions() });
    });
  }

  it("XHR with responseType 'json': the page gets the parsed completion and the video is stored once", async () => {
    expectParsedCompletion(await runClient('browser-transports', { transport: 'xhr-json' }));
    await expectSeedStoredOnce(library, site.origin, { model: REQUEST_MODEL, endpointUrl: completions() });
  });

  it('XHR the page aborts in the event that brings the end (sse.js close()): the copy has it all', async () => {
    const result = await runClient('browser-transports', { transport: 'xhr-abort-on-done' });
    expect(result.text).toBe(seedText);
    await expectSeedStoredOnce(library, site.origin, { model: REQUEST_MODEL, endpointUrl: completions() });
  });

  it('EventSource: the page gets every message and the video is stored once', async () => {
    expectSeedMessages(await runClient('browser-transports', { transport: 'event-source' }));
    await expectSeedStoredOnce(library, site.origin, { endpointUrl: completions() });
  });

  it('EventSource with named events the page listens to', async () => {
    expectSeedMessages(await runClient('browser-transports', { transport: 'event-source-named' }));
    await expectSeedStoredOnce(library, site.origin, { endpointUrl: completions() });
  });
});

describe('socket.io-client over Firefox’s WebSocket, as Open WebUI streams answers', () => {
  it('delivers every chat-events payload unchanged and the video is stored once', async () => {
    expectOpenWebUiChatEvents(await runClient('socket-io'));
    await expectSeedStoredOnce(library, site.origin, {
      // The socket's URL, as http: (the background takes http(s) endpoints only).
      endpointUrl: `${site.origin}/ws/socket.io/`,
      pageUrl: site.pageUrl('socket-io'),
    });
  });
});
