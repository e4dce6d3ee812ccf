import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { startDemoServer } from '../../demo-site/server';
import { LibraryPage } from '../pages/library-page';
import { seedLibrary } from './pages/gallery-page';
import { expectNoAxeViolations } from '../support/axe';

const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/', import.meta.url));
const NOW = Date.now();

interface ChromeGlobals {
  chrome: { action: { getBadgeText(details: object): Promise<string> } };
}

let chromium: ExtensionBrowser;
let server: { origin: string; close(): Promise<void> };
let downloadsDir: string;
let popup: Page;

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(ARTIFACTS, `gallery-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  expect((await stat(path)).size).toBeGreaterThan(1000);
}

async function badge(): Promise<string> {
  const worker = await chromium.serviceWorker();
  return worker.evaluate(() => (globalThis as unknown as ChromeGlobals).chrome.action.getBadgeText({}));
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  server = await startDemoServer({ port: 0 });
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
  chromium = await launchChromiumWithExtension({ extensionPath: builtExtensionDir(), headless: true, downloadsDir });
  popup = await chromium.openPopup();
  await popup.setViewportSize({ width: 400, height: 560 });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

describe('in Chinese', () => {
  it('shows the popup and the options page in zh_CN when the browser speaks Chinese', async () => {
    // chrome.i18n follows --lang (checked: LANGUAGE alone does not change it in headless Chromium).
    const chinese = await launchChromiumWithExtension({
      extensionPath: builtExtensionDir(),
      headless: true,
      downloadsDir,
      extraArgs: ['--lang=zh-CN'],
    });
    try {
      const page = await chinese.openPopup();
      await page.setViewportSize({ width: 400, height: 560 });
      await expect.poll(() => page.getByRole('link', { name: '打开完整图库' }).count()).toBe(1);
      expect(await page.locator('.empty strong').textContent()).toBe('还没有视频。');
      await shoot(page, 'popup-zh-CN');
      await page.goto(`chrome-extension://${chinese.extensionId}/options.html`);
      await expect.poll(() => page.getByLabel('文件名模板').count()).toBe(1);
      await shoot(page, 'options-zh-CN');
    } finally {
      await chinese.close();
    }
  });
});

describe('what the user sees', () => {
  it('the popup with no videos says where capture is on and links the gallery and settings', async () => {
    await seedLibrary(popup, { count: 0, mediaOrigin: server.origin, now: NOW });
    await popup.reload();
    await expect.poll(() => popup.locator('.empty').count()).toBe(1);
    expect(await popup.locator('.empty').textContent()).toContain('No videos yet.');
    // … and how to switch capture on for a site that is not built in.
    expect(await popup.locator('.empty .empty-enable').textContent()).toContain('Capture on this site');
    expect(await popup.getByRole('link', { name: 'Open full gallery' }).isVisible()).toBe(true);
    expect(await popup.getByRole('link', { name: 'Settings' }).isVisible()).toBe(true);
    await shoot(popup, 'popup-empty');
  });

  it('counts new videos on the badge until the popup opens', async () => {
    const chat = await chromium.context.newPage();
    await chat.goto(`${server.origin}/test/page.html`);
    const running = chat.evaluate(() =>
      (window as unknown as { runCapture(m: string, p: string): Promise<unknown> }).runCapture(
        'reader',
        '/v1/chat/completions?pace=0.05&hold=4000',
      ),
    );
    await expect.poll(badge, { timeout: 15_000 }).toBe('1');

    // One video still generating: the popup shows it as such.
    await popup.bringToFront();
    await popup.reload();
    await expect.poll(() => popup.locator('li.entry[data-status="generating"]').count()).toBe(1);
    expect(await popup.locator('li.entry .entry-status').textContent()).toMatch(/^Generating/);
    await shoot(popup, 'popup-generating');
    await expect.poll(badge).toBe('');
    await running;
    // Settled before the next test empties the library, so no late write brings it back.
    await new LibraryPage(popup).waitForEntry((entry) => entry.status === 'done');
    await chat.close();
  });

  it('the popup with 50 mixed videos, in light and dark', async () => {
    await seedLibrary(popup, { count: 50, mediaOrigin: server.origin, now: NOW });
    await popup.reload();
    await expect.poll(() => popup.locator('li.entry').count()).toBe(50);
    for (const status of ['done', 'generating', 'failed', 'partial']) {
      expect(await popup.locator(`li.entry[data-status="${status}"]`).count()).toBeGreaterThan(0);
    }
    expect(await popup.locator('li.entry[data-expired="true"] .entry-expired').count()).toBeGreaterThan(0);
    expect(await popup.locator('li.entry[data-status="done"] [data-action="download"]').first().isEnabled()).toBe(true);
    await shoot(popup, 'popup-50');
    await expectNoAxeViolations(popup, 'the popup with 50 videos');

    await popup.emulateMedia({ colorScheme: 'dark' });
    const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(13, 17, 23)');
    await shoot(popup, 'popup-dark');
    await expectNoAxeViolations(popup, 'the popup in dark');
    await popup.emulateMedia({ colorScheme: 'light' });
  });

  it('the full gallery and the options page', async () => {
    const gallery = await chromium.context.newPage();
    await gallery.setViewportSize({ width: 1200, height: 800 });
    await gallery.goto(`chrome-extension://${chromium.extensionId}/gallery.html`);
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(50);
    for (const name of ['Site', 'Model', 'Status', 'Date', 'Sort']) expect(await gallery.getByRole('combobox', { name }).isVisible()).toBe(true);
    expect(await gallery.getByRole('searchbox', { name: 'Search prompts' }).isVisible()).toBe(true);
    const views = gallery.getByRole('group', { name: 'View' });
    for (const name of ['Grid', 'List']) expect(await views.getByRole('button', { name }).isVisible()).toBe(true);
    const done = gallery.locator('li.entry[data-status="done"]:not([data-expired])').first();
    for (const name of ['Download', 'Copy link', 'Open video', 'Open chat page']) expect(await done.getByRole('button', { name }).isEnabled()).toBe(true);
    // An expired link says why it can no longer be downloaded.
    const expired = gallery.locator('li.entry[data-expired="true"]').first();
    expect(await expired.getByRole('button', { name: 'Download' }).getAttribute('title')).toMatch(/^The link has expired/);
    await shoot(gallery, 'full');
    await expectNoAxeViolations(gallery, 'the full gallery');

    // The detail view: a modal dialog with the whole prompt and the facts; Esc gives focus back.
    const details = done.getByRole('button', { name: 'Details' });
    await details.focus();
    await details.press('Enter');
    const dialog = gallery.getByRole('dialog', { name: 'Video details' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('.entry-detail-prompt').textContent()).toBe(await done.locator('.entry-prompt').textContent());
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    expect(await dialog.getByRole('button', { name: /^Download: Video/ }).isEnabled()).toBe(true);
    await shoot(gallery, 'full-detail');
    await expectNoAxeViolations(gallery, 'the detail view');
    await gallery.keyboard.press('Escape');
    await expect.poll(() => gallery.locator('dialog.entry-detail').count()).toBe(0);
    expect(await details.evaluate((button) => button === document.activeElement)).toBe(true);
    await views.getByRole('button', { name: 'List' }).click();
    await expect.poll(() => gallery.locator('ul.gallery-list li.entry').count()).toBe(50);
    // The list fits the prompt, meta, status and actions of a video on two lines.
    expect(await done.evaluate((row) => row.getBoundingClientRect().height)).toBeLessThan(80);
    await shoot(gallery, 'full-list');
    await gallery.emulateMedia({ colorScheme: 'dark' });
    expect(await gallery.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
    await shoot(gallery, 'full-list-dark');
    await expectNoAxeViolations(gallery, 'the full gallery in dark');
    await gallery.emulateMedia({ colorScheme: 'light' });
    await views.getByRole('button', { name: 'Grid' }).click();
    await expect.poll(() => gallery.locator('ul.gallery-grid li.entry').count()).toBe(50);
    // The cover turns into a player (cat-catch-style preview) of the video link.
    const first = gallery.locator('li.entry[data-status="done"]').first();
    await first.getByRole('button', { name: /^Play .* here$/ }).click();
    const player = first.locator('video.entry-player');
    await expect.poll(() => player.evaluate((video: HTMLVideoElement) => video.readyState)).toBeGreaterThan(0);

    const options = await chromium.context.newPage();
    await options.setViewportSize({ width: 900, height: 900 });
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    expect(await options.getByLabel('File name template').inputValue()).toBe('{prompt}_{taskId}');
    await expect.poll(() => options.locator('.template-preview code').count()).toBe(3);
    await expect.poll(() => options.locator('.storage-used').textContent()).toMatch(/^Storage used: .+ of .+ available\.$/);
    for (const name of ['Export library (JSON)', 'Delete all videos…']) expect(await options.getByRole('button', { name }).isVisible()).toBe(true);
    expect(await options.locator('#sites').textContent()).toContain('No other sites yet');
    await shoot(options, 'options');
    await expectNoAxeViolations(options, 'the options page');
    // The capture log and the About & privacy page, both linked from the options page.
    for (const [name, ready] of [
      ['capture-log', '#capture-log'],
      ['about', '#privacy h2'],
    ] as const) {
      await options.goto(`chrome-extension://${chromium.extensionId}/${name}.html`);
      await options.waitForSelector(ready);
      await expectNoAxeViolations(options, `the ${name} page`);
    }
  });
});
