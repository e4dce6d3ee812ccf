import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { waitForFile } from '../../browser/wait-for-file';
import { startDemoServer } from '../../demo-site/server';
import { openGalleryTimed, seedLibrary } from './pages/gallery-page';

const NOW = Date.now();
const DAY = 86_400_000;
let chromium: ExtensionBrowser;
let server: { origin: string; close(): Promise<void> };
let downloadsDir: string;
let popup: Page;
let gallery: Page;
let galleryUrl: string;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
  chromium = await launchChromiumWithExtension({ extensionPath: builtExtensionDir(), headless: true, downloadsDir });
  popup = await chromium.openPopup();
  await popup.waitForSelector('#app > *');
  gallery = await chromium.context.newPage();
  galleryUrl = `chrome-extension://${chromium.extensionId}/gallery.html`;
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

describe('the full gallery', () => {
  it('paints its first page as fast with 10 000 entries as with 10', async () => {
    const firstPaint = async (count: number): Promise<number> => {
      await seedLibrary(popup, { count, mediaOrigin: server.origin, now: NOW });
      await gallery.bringToFront();
      const times: number[] = [];
      for (let run = 0; run < 3; run++) times.push(await openGalleryTimed(gallery, galleryUrl));
      await expect.poll(() => gallery.locator('li.entry').count()).toBe(Math.min(count, 60));
      return times.sort((a, b) => a - b)[1]!;
    };
    const small = await firstPaint(10);
    const large = await firstPaint(10_000);
    console.log(`[gallery first paint] 10 entries: ${small.toFixed(0)} ms; 10 000 entries: ${large.toFixed(0)} ms (median of 3)`);
    expect(await gallery.locator('.gallery-count').textContent()).toMatch(/^Showing 60 of 10000 videos$/);
    // One cursor page and a count: no read of the whole library before the first paint.
    expect(large).toBeLessThan(Math.max(3 * small, small + 300));
  });

  it('searches, filters, marks expired links and moves with the keyboard', async () => {
    await seedLibrary(popup, { count: 30, mediaOrigin: server.origin, now: NOW });
    await gallery.goto(galleryUrl);
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(30);
    await gallery.getByRole('searchbox', { name: 'Search prompts' }).fill('一条狗');
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(15);
    // The site filter lists apps by name (src/gallery/app-name.ts), not hosts.
    const site = gallery.getByRole('combobox', { name: 'Site' });
    expect((await site.locator('option').allTextContents()).sort()).toEqual(['All sites', 'localhost:3000 (23)', '智谱清言 · 清影 (ChatGLM) (7)'].sort());
    await site.selectOption({ label: '智谱清言 · 清影 (ChatGLM) (7)' });
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(7);
    expect(gallery.url()).toContain('site=chatglm');
    await gallery.getByRole('searchbox', { name: 'Search prompts' }).fill('');
    await gallery.getByRole('combobox', { name: 'Site' }).selectOption('');
    await gallery.getByRole('combobox', { name: 'Status' }).selectOption('expired');
    const expired = gallery.locator('li.entry');
    await expect.poll(() => expired.count()).toBeGreaterThan(0);
    expect(await expired.first().locator('.entry-expired').textContent()).toBe('Link expired');
    await gallery.getByRole('combobox', { name: 'Status' }).selectOption('');
    await gallery.getByRole('combobox', { name: 'Sort' }).selectOption('oldest');
    await expect.poll(() => gallery.locator('li.entry').first().getAttribute('data-entry-id')).toBe('task:9029:0');

    await gallery.locator('li.entry').first().focus();
    await gallery.keyboard.press('ArrowDown');
    expect(await gallery.evaluate(() => document.activeElement?.getAttribute('data-entry-id'))).toBe('task:9028:0');
    await gallery.keyboard.press(' ');
    expect(await gallery.locator('.selected-count').textContent()).toBe('1 selected');
    await gallery.keyboard.press('Delete');
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(29);
    await gallery.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(30);
  });

  it('downloads three selected videos through the queue, under the template set on the options page', async () => {
    const options = await chromium.context.newPage();
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    const template = options.getByLabel('File name template');
    await template.fill('{site}/{model}/{prompt} {taskId}');
    await expect.poll(() => options.locator('.template-saved').textContent()).toBe('Saved.');
    await options.close();

    await seedLibrary(popup, { count: 6, mediaOrigin: server.origin, now: NOW });
    await gallery.goto(galleryUrl);
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(6);
    // Entries 0, 1 and 2 are done (n % 6 < 3).
    for (const n of [0, 1, 2]) await gallery.locator(`li.entry[data-entry-id="task:${9000 + n}:0"] .entry-select`).check();
    await gallery.getByRole('button', { name: 'Download selected' }).click();
    const files = [
      ['localhost/cogvideox', 'A cat number 0 9000.mp4'],
      ['localhost/veo-3', '一条狗 number 1 9001.mp4'],
      ['localhost/kling', 'A cat number 2 9002.mp4'],
    ] as const;
    for (const [folder, name] of files) await waitForFile(join(downloadsDir, folder), name, { timeoutMs: 20_000 });
    await expect.poll(() => gallery.locator('.queue-item[data-state="complete"]').count()).toBe(3);
    expect(await gallery.locator('.queue-item .queue-name').allTextContents()).toEqual(
      files.map(([folder, name]) => `${folder}/${name}`),
    );
    expect((await readdir(join(downloadsDir, 'localhost'))).sort()).toEqual(['cogvideox', 'kling', 'veo-3']);
  });

  it('narrows to a date preset and to two picked days, and keeps the range in the URL', async () => {
    // Entry n is n days old: the presets cut at local midnights, computed here as the page must.
    await seedLibrary(popup, { count: 40, mediaOrigin: server.origin, now: NOW, stepMs: DAY });
    await gallery.goto(galleryUrl);
    const rows = gallery.locator('li.entry');
    await expect.poll(() => rows.count()).toBe(40);
    const midnight = (daysBack: number) => {
      const today = new Date(NOW);
      return new Date(today.getFullYear(), today.getMonth(), today.getDate() - daysBack).getTime();
    };
    const createdIn = (start: number, end = Infinity) =>
      Array.from({ length: 40 }, (_, n) => NOW - n * DAY).filter((time) => time >= start && time < end).length;
    const date = gallery.getByRole('combobox', { name: 'Date' });
    for (const [preset, daysBack] of [['today', 0], ['7d', 6], ['30d', 29]] as const) {
      await date.selectOption(preset);
      await expect.poll(() => rows.count(), { message: preset }).toBe(createdIn(midnight(daysBack)));
    }
    expect(createdIn(midnight(29))).toBeLessThan(40);
    expect(new URL(gallery.url()).searchParams.get('date')).toBe('30d');
    await gallery.reload();
    await expect.poll(() => rows.count()).toBe(createdIn(midnight(29)));
    expect(await date.inputValue()).toBe('30d');

    await date.selectOption('custom');
    const day = (daysBack: number) => {
      const time = new Date(midnight(daysBack));
      return `${time.getFullYear()}-${String(time.getMonth() + 1).padStart(2, '0')}-${String(time.getDate()).padStart(2, '0')}`;
    };
    await gallery.getByLabel('From', { exact: true }).fill(day(10));
    await gallery.getByLabel('To', { exact: true }).fill(day(5));
    await expect.poll(() => rows.count()).toBe(createdIn(midnight(10), midnight(4)));
    expect(await rows.count()).toBeGreaterThan(0);
    expect(gallery.url()).toContain(`date=custom&from=${day(10)}&to=${day(5)}`);
    await date.selectOption('');
    await expect.poll(() => rows.count()).toBe(40);
  });

  it('switches to the list view, which a reload keeps', async () => {
    await seedLibrary(popup, { count: 6, mediaOrigin: server.origin, now: NOW });
    await gallery.goto(galleryUrl);
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(6);
    const grid = gallery.getByRole('button', { name: 'Grid' });
    const list = gallery.getByRole('button', { name: 'List' });
    expect(await grid.getAttribute('aria-pressed')).toBe('true');
    const coverWidth = () => gallery.locator('li.entry .entry-cover').first().evaluate((cover) => cover.getBoundingClientRect().width);
    // Grid covers span their card; list covers are small thumbnails.
    expect(await coverWidth()).toBeGreaterThan(200);
    await list.click();
    expect(await list.getAttribute('aria-pressed')).toBe('true');
    expect(await coverWidth()).toBe(64);
    // From the gallery opened anew (no query string), as from the popup's link.
    await gallery.goto(galleryUrl);
    await expect.poll(() => gallery.locator('ul.gallery-list li.entry').count()).toBe(6);
    expect(await list.getAttribute('aria-pressed')).toBe('true');
    expect(await grid.getAttribute('aria-pressed')).toBe('false');
    await grid.press('Enter');
    await expect.poll(() => gallery.locator('ul.gallery-grid li.entry').count()).toBe(6);
    await gallery.reload();
    await expect.poll(() => gallery.locator('ul.gallery-grid li.entry').count()).toBe(6);
  });

  it('previews a video, muted, while hovered or focused, in the gallery and the popup', async () => {
    await seedLibrary(popup, { count: 6, mediaOrigin: server.origin, now: NOW });
    await gallery.goto(galleryUrl);
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(6);
    const loopOf = (page: Page, n: number) => page.locator(`li.entry[data-entry-id="task:${9000 + n}:0"] video.entry-hover-preview`);
    const described = (page: Page, n: number) =>
      loopOf(page, n).evaluate((video: HTMLVideoElement) => ({ muted: video.muted, loop: video.loop, src: video.src, referrer: video.getAttribute('referrerpolicy') }));
    const clip = (n: number) => ({ muted: true, loop: true, src: `${server.origin}/media/clip-${n}.mp4`, referrer: 'no-referrer' });

    expect(await gallery.locator('video').count()).toBe(0);
    await gallery.locator('li.entry[data-entry-id="task:9000:0"] .entry-media').hover();
    await expect.poll(() => loopOf(gallery, 0).count()).toBe(1);
    expect(await described(gallery, 0)).toEqual(clip(0));
    // It really loads the clip from the link.
    await expect.poll(() => loopOf(gallery, 0).evaluate((video: HTMLVideoElement) => video.readyState)).toBeGreaterThan(0);
    await gallery.mouse.move(5, 5);
    await expect.poll(() => gallery.locator('video').count()).toBe(0);

    await gallery.locator('li.entry[data-entry-id="task:9001:0"]').focus();
    await expect.poll(() => loopOf(gallery, 1).count()).toBe(1);
    expect(await described(gallery, 1)).toEqual(clip(1));
    await gallery.keyboard.press('ArrowUp');
    await expect.poll(() => loopOf(gallery, 0).count()).toBe(1);
    expect(await loopOf(gallery, 1).count()).toBe(0);

    // The click-to-play player still works under the preview, and replaces it.
    await gallery.locator('li.entry[data-entry-id="task:9000:0"]').getByRole('button', { name: /^Play .* here$/ }).click();
    await expect.poll(() => gallery.locator('li.entry[data-entry-id="task:9000:0"] video.entry-player').count()).toBe(1);
    expect(await loopOf(gallery, 0).count()).toBe(0);

    // A background tab draws no frames, so pointer actions there would wait forever.
    await popup.bringToFront();
    await popup.reload();
    await expect.poll(() => popup.locator('li.entry').count()).toBe(6);
    await popup.locator('li.entry[data-entry-id="task:9002:0"] .entry-media').hover();
    await expect.poll(() => loopOf(popup, 2).count()).toBe(1);
    expect(await described(popup, 2)).toEqual(clip(2));
    await popup.mouse.move(1, 1);
    await expect.poll(() => popup.locator('video').count()).toBe(0);
    await popup.locator('li.entry[data-entry-id="task:9001:0"] [data-action="copy"]').focus();
    await expect.poll(() => loopOf(popup, 1).count()).toBe(1);
    await gallery.bringToFront();
  });

  it('opens the chat page of a video in a new tab', async () => {
    await seedLibrary(popup, { count: 6, mediaOrigin: server.origin, now: NOW });
    await gallery.goto(galleryUrl);
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(6);
    const [tab] = await Promise.all([
      chromium.context.waitForEvent('page'),
      gallery.locator('li.entry[data-entry-id="task:9003:0"]').getByRole('button', { name: 'Open chat page' }).click(),
    ]);
    await tab.waitForURL(`${server.origin}/chat/3`);
    expect(tab.url()).toBe(`${server.origin}/chat/3`);
    await tab.close();
  });

  it('is linked from the popup', async () => {
    await popup.reload();
    expect(await popup.getByRole('link', { name: 'Open full gallery' }).getAttribute('href')).toBe('/gallery.html');
  });
});
