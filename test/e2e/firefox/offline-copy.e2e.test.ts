import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxExtensionBrowser } from '../../browser/launch-firefox';
import { launchFirefoxSession, type FirefoxSession } from './firefox-session';
import { waitForFile } from '../../browser/wait-for-file';
import { startDemoServer } from '../../demo-site/server';
import { readOfflineCopy } from '../pages/library-idb';
import { expiringAnswer, readKeepOffline, untilExpired } from '../support/offline-steps';
import { sampleWithStory } from '../support/story-steps';
import { FirefoxLibraryPage } from './library-page';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let session: FirefoxSession;
let firefox: FirefoxExtensionBrowser;
let library: FirefoxLibraryPage;
let server: { origin: string; close(): Promise<void> };
let downloadsDir: string;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  // Headless Firefox cannot show the permission prompt; this pref answers it "allow", and the
  // options page's real permissions.request call goes through.
  session = await launchFirefoxSession('offline', { extraPrefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  ({ firefox, library, downloadsDir } = session);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('offline copies in Firefox (the background page makes the blob: URL itself)', () => {
  it('an expired-link entry with an offline copy still downloads, byte for byte', async () => {
    const options = await firefox.browser.newPage();
    await firefox.gotoExtensionPage(options, '/options.html');
    await options.waitForSelector('#keep-offline');
    await options.click('#keep-offline');
    await expect.poll(() => options.evaluate(readKeepOffline)).toBe(true);

    // Links signed to expire a few seconds from now, as a model's CDN signs them.
    const { expires, endpoint } = expiringAnswer(4);
    const chat = await firefox.browser.newPage();
    await chat.goto(`${server.origin}/test/page.html`);
    await chat.evaluate(
      (endpoint) => (window as unknown as { runCapture(m: string, p: string): Promise<unknown> }).runCapture('reader', endpoint),
      endpoint,
    );

    const entry = await library.waitForEntry((candidate) => candidate.status === 'done');
    await expect.poll(() => library.page.evaluate(readOfflineCopy, entry.id).then((copy) => copy?.state), { timeout: 15_000 }).toBe('kept');

    await untilExpired(expires);
    expect((await fetch(entry.videoUrl!)).status).toBe(403);
    await library.reload();
    await library.download(entry.id);
    const file = await waitForFile(downloadsDir, `一条狗_${entry.taskId}.mp4`, { timeoutMs: 20_000 });
    // The copy's bytes with the entry's story written in (src/mp4): media untouched.
    expect(sha256(await readFile(file.path))).toBe(sha256(await sampleWithStory(entry)));
  });
});
