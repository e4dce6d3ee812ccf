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
    await gallery.getByRole('combobox', { name: 'Site' }).selectOption('https://chatglm.cn');
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(7);
    expect(gallery.url()).toContain('site=https');
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

  it('is linked from the popup', async () => {
    await popup.reload();
    expect(await popup.getByRole('link', { name: 'Open full gallery' }).getAttribute('href')).toBe('/gallery.html');
  });
});
