import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSiteExpectation } from '../../unit/sites/extractors/site-fixtures';
import { expectSiteEntries, hasSiteEntries, siteCalls } from '../sites/site-expectations';
import { fixtureHosts, recordedSites, startVideoAppServer, type VideoAppServer } from '../sites/video-app-server';
import { launchFirefoxSession, type FirefoxSession } from './firefox-session';
import { readFile } from 'node:fs/promises';
import { waitForFile } from '../../browser/wait-for-file';
import { readOfflineCopy } from '../pages/library-idb';
import { sampleWithStory } from '../support/story-steps';
import { probe } from '../../support/mp4-files';
import { entryStory } from '../../../src/download/video-story';
import { DEFAULT_SETTINGS } from '../../../src/settings/settings';
import { templateFileName } from '../../../src/settings/file-name-template';

// Firefox parity for video apps (two of the first seven; Doubao's SSE of JSON strings and Meta
// AI's multipart/mixed GraphQL of the later ones), at their real host names over HTTPS: Firefox resolves
// every host to the local server (network.dns.forceResolve) and accepts the run's certificate
// (WebDriver's acceptInsecureCerts). The app's host permissions come from the manifest and its
// capture scripts are registered by the event page, as on a fresh install. Grok streams JSON
// lines from its own host; Runway's page calls its API on another host (CORS, credentials).
const sites = ['jimeng', 'kling', 'doubao', 'meta-ai', 'grok', 'runway'];
let session: FirefoxSession;
let server: VideoAppServer;

async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  server = await startVideoAppServer({ port: Number(process.env.VIDEO_APP_PORT ?? 443), hosts: fixtureHosts(sites) });
  session = await launchFirefoxSession('video-apps', {
    acceptInsecureCerts: true,
    extraPrefs: { 'network.dns.forceResolve': '127.0.0.1', 'network.trr.mode': 5 },
  });
  const popup = session.library.page;
  await waitFor(
    () =>
      popup.evaluate(async (expected) => {
        const scripting = (globalThis as unknown as { browser: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } }).browser.scripting;
        return (await scripting.getRegisteredContentScripts()).filter((script) => script.id.startsWith('app:')).length >= expected;
      }, recordedSites().length * 2),
    'the video apps to be registered',
  );
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

beforeEach(async () => {
  await session.library.clear();
});

describe('video apps at their real host names (Firefox)', () => {
  it.each(sites)('%s: one entry per task with cover and prompt, the input image never the video, the page gets every byte', async (site) => {
    const { page: pageUrl, calls, served } = siteCalls(site);
    server.play(site, loadSiteExpectation(site).sequence);
    await session.page.goto(pageUrl);
    const texts = await session.page.evaluate(
      (list) => (window as unknown as { runCalls(c: typeof list): Promise<string[]> }).runCalls(list),
      calls,
    );
    expect(texts).toEqual(served);
    await waitFor(async () => hasSiteEntries(site, await session.library.storedEntries()), `${site}'s entries`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expectSiteEntries(site, await session.library.storedEntries());
    expect(server.unexpected()).toEqual([]);
  });
});

describe('copies by default and the story in the file (Firefox)', () => {
  it('a video app\'s done video is copied with no prompt; after its link answers 403 it downloads from the copy with its story', async () => {
    const site = 'jimeng';
    const { page: pageUrl, calls, served } = siteCalls(site);
    server.play(site, loadSiteExpectation(site).sequence);
    await session.page.goto(pageUrl);
    await session.page.evaluate((list) => (window as unknown as { runCalls(c: typeof list): Promise<string[]> }).runCalls(list), calls).then((texts) => expect(texts).toEqual(served));
    let entry = (await session.library.storedEntries()).find((item) => item.id.startsWith(`task:${site}:`) && item.status === 'done');
    await waitFor(async () => {
      entry = (await session.library.storedEntries()).find((item) => item.id.startsWith(`task:${site}:`) && item.status === 'done');
      return entry !== undefined && (await session.library.page.evaluate(readOfflineCopy, entry.id))?.state === 'kept';
    }, `${site}'s copy`);
    const done = entry!;
    server.refuse(done.videoUrl!);
    await session.library.reload();
    await session.library.download(done.id);
    const file = await waitForFile(session.downloadsDir, templateFileName(DEFAULT_SETTINGS.fileNameTemplate, done), { timeoutMs: 20_000 });
    expect((await readFile(file.path)).equals(await sampleWithStory(done))).toBe(true);
    expect((await probe(file.path)).format.tags).toMatchObject({ title: entryStory(done).title, comment: entryStory(done).comment, encoder: 'Video Keeper' });
  });
});
