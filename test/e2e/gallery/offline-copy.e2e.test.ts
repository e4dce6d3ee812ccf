import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { waitForFile } from '../../browser/wait-for-file';
import { startDemoServer } from '../../demo-site/server';
import { readOfflineCopy } from '../pages/library-idb';
import { expiringAnswer, readKeepOffline, untilExpired } from '../support/offline-steps';
import { sampleWithStory } from '../support/story-steps';
import { LibraryPage } from '../pages/library-page';
import { extensionWithHosts } from './support/test-extension';

const sampleMp4 = await readFile(fileURLToPath(new URL('../../fixtures/media/sample.mp4', import.meta.url)));
const sampleCover = await readFile(fileURLToPath(new URL('../../fixtures/media/sample-cover.jpeg', import.meta.url)));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let server: { origin: string; close(): Promise<void> };
let extensionDir: string;
let downloadsDir: string;
let chromium: ExtensionBrowser;

async function optionsPage(): Promise<Page> {
  const page = await chromium.context.newPage();
  await page.goto(`chrome-extension://${chromium.extensionId}/options.html`);
  return page;
}

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  // Granted as at install: headless Chromium cannot answer the permission prompt; the options
  // page's request then resolves at once and the rest is the real code path.
  extensionDir = await extensionWithHosts(['*://*/*']);
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
  chromium = await launchChromiumWithExtension({ extensionPath: extensionDir, headless: true, downloadsDir });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  for (const dir of [extensionDir && dirname(extensionDir), downloadsDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('offline copies', () => {
  it('an expired-link entry with an offline copy still plays and downloads', async () => {
    const options = await optionsPage();
    await options.locator('#keep-offline').check();
    await expect.poll(() => options.evaluate(readKeepOffline)).toBe(true);

    // Links signed to expire a few seconds from now, as a model's CDN signs them.
    const { expires, endpoint } = expiringAnswer(4);
    const chat = await chromium.context.newPage();
    await chat.goto(`${server.origin}/test/page.html`);
    await chat.evaluate(
      (endpoint) => (window as unknown as { runCapture(m: string, p: string): Promise<unknown> }).runCapture('reader', endpoint),
      endpoint,
    );

    const library = new LibraryPage(await chromium.openPopup());
    const entry = await library.waitForEntry((candidate) => candidate.status === 'done');
    expect(entry.expiresAt).toBe(expires * 1000);
    await expect.poll(() => library.page.evaluate(readOfflineCopy, entry.id).then((copy) => copy?.state), { timeout: 15_000 }).toBe('kept');
    const copy = await library.page.evaluate(readOfflineCopy, entry.id);
    expect(sha256(Buffer.from(copy?.video ?? '', 'base64'))).toBe(sha256(sampleMp4));
    expect(sha256(Buffer.from(copy?.cover ?? '', 'base64'))).toBe(sha256(sampleCover));

    // The link is dead now: the server refuses it, as an expired bucket link is refused.
    await untilExpired(expires);
    expect((await fetch(entry.videoUrl!)).status).toBe(403);

    await library.reload();
    const row = library.entry(entry.id);
    await expect.poll(() => row.getAttribute('data-expired')).toBe('true');
    // Plays: the cover and the hover preview come from the kept copy, and the video decodes.
    await expect.poll(() => row.locator('img.entry-cover').getAttribute('src')).toMatch(/^blob:chrome-extension:/);
    await row.locator('.entry-media').hover();
    const loop = row.locator('video.entry-hover-preview');
    await expect.poll(() => loop.getAttribute('src')).toMatch(/^blob:chrome-extension:/);
    // HAVE_CURRENT_DATA: a frame of the copy was decoded (the expired link would give a 403 page).
    await expect.poll(() => loop.evaluate((video: HTMLVideoElement) => video.readyState), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(await loop.evaluate((video: HTMLVideoElement) => video.duration)).toBeGreaterThan(0);
    await library.page.mouse.move(1, 1);

    // … and in the full gallery, the click-to-play player plays the copy with sound controls.
    const gallery = await chromium.context.newPage();
    await gallery.goto(`chrome-extension://${chromium.extensionId}/gallery.html`);
    const card = gallery.locator(`li.entry[data-entry-id="${entry.id}"]`);
    await card.getByRole('button', { name: /^Play .* here$/ }).click();
    const player = card.locator('video.entry-player');
    await expect.poll(() => player.getAttribute('src')).toMatch(/^blob:chrome-extension:/);
    await expect.poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime), { timeout: 10_000 }).toBeGreaterThan(0);
    await gallery.close();

    await library.download(entry.id);
    const file = await waitForFile(downloadsDir, `一条狗_${entry.taskId}.mp4`, { timeoutMs: 20_000 });
    // The copy's bytes with the entry's story written in (src/mp4): media untouched.
    expect(sha256(await readFile(file.path))).toBe(sha256(await sampleWithStory(entry)));
  });
});
