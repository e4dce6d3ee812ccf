import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { LibraryPage } from '../pages/library-page';
import { startAnswerServer, type AnswerServer } from './support/answer-server';
import { putEntries, storedEntry } from './support/library-store';

/**
 * The worker stopped again and again mid-stream, the tab closed and the page navigated away
 * mid-stream, the browser quit between the answer and the popup: nothing captured is lost,
 * and no entry stays `generating`.
 */

let server: AnswerServer;
let profileDir: string;
let downloadsDir: string;
let chromium: ExtensionBrowser | undefined;
let library: LibraryPage;

const launch = async (): Promise<ExtensionBrowser> => {
  const browser = await launchChromiumWithExtension({ extensionPath: builtExtensionDir(), headless: true, downloadsDir, userDataDir: profileDir });
  library = new LibraryPage(await browser.openPopup());
  return browser;
};

beforeAll(async () => {
  server = await startAnswerServer();
  profileDir = await mkdtemp(join(tmpdir(), 'video-keeper-profile-'));
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
  chromium = await launch();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  for (const dir of [profileDir, downloadsDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

function running(): ExtensionBrowser {
  if (!chromium) throw new Error('Chromium did not start; see beforeAll');
  return chromium;
}

async function chatPage(): Promise<Page> {
  const page = await running().context.newPage();
  await page.goto(`${server.origin}/page.html`);
  return page;
}

async function startAnswer(page: Page, query: string): Promise<void> {
  await page.evaluate((q) => (window as unknown as { startAnswer(query: string): boolean }).startAnswer(q), query);
}

const answerDone = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { answer: Promise<number> }).answer);

describe('lifecycle', () => {
  it('survives the worker being stopped four times in one stream', async () => {
    const page = await chatPage();
    await startAnswer(page, 'task=9201&marks=10&paceMs=600');
    let stops = 0;
    // Stop whenever the stream has moved on since the last stop, so each stop lands mid-stream.
    for (const progress of [0, 2, 4, 6]) {
      await library.waitForEntry((entry) => entry.id === 'task:9201:0' && entry.status === 'generating' && entry.progress >= progress, 15_000);
      await running().stopServiceWorker();
      // Stopped while the page was still reading the answer.
      if (!(await page.evaluate(() => (window as unknown as { answerEnded: boolean }).answerEnded))) stops += 1;
    }
    expect(stops).toBe(4);
    await answerDone(page);
    const entry = await library.waitForEntry((item) => item.id === 'task:9201:0' && item.status === 'done', 20_000);
    expect(entry).toMatchObject({ progress: 10, videoUrl: `${server.origin}/media/9201_0.mp4`, coverUrl: `${server.origin}/media/9201_cover_0.jpeg` });
    expect((await library.storedEntries()).filter((item) => item.taskId === '9201')).toHaveLength(1);
    await page.close();
  });

  it('fails the entry as interrupted when the tab is closed mid-stream', async () => {
    const page = await chatPage();
    await startAnswer(page, 'task=9202&marks=2&paceMs=50&hold=forever');
    await library.waitForEntry((entry) => entry.id === 'task:9202:0' && entry.progress === 2);
    await page.close();
    const entry = await library.waitForEntry((item) => item.id === 'task:9202:0' && item.status !== 'generating');
    expect(entry).toMatchObject({ status: 'failed', failureReason: 'interrupted' });
  });

  it('stores a fast 6 MB answer whole when its tab is closed a second after the page read it', async () => {
    // A fast body's bulk goes in big Blobs whose bytes the browser takes from the page's renderer
    // after the message (docs/benchmarks.md); within a second they are taken, and closing the tab loses nothing.
    const page = await chatPage();
    await startAnswer(page, 'task=9208&marks=1&pad=6000000');
    expect(await answerDone(page)).toBeGreaterThan(6_000_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await page.close();
    const entry = await library.waitForEntry((item) => item.id === 'task:9208:0' && item.status !== 'generating', 20_000);
    expect(entry).toMatchObject({ status: 'done', prompt: 'prompt 9208', videoUrl: `${server.origin}/media/9208_0.mp4` });
  });

  it('ends the entry when the page navigates away mid-stream, with the worker stopped just before', async () => {
    const page = await chatPage();
    await startAnswer(page, 'task=9203&marks=2&paceMs=50&hold=forever');
    await library.waitForEntry((entry) => entry.id === 'task:9203:0' && entry.progress === 2);
    await running().stopServiceWorker();
    await page.goto(`${server.origin}/page.html?next`);
    const entry = await library.waitForEntry((item) => item.id === 'task:9203:0' && item.status !== 'generating');
    // The page world sees its fetch aborted as the page unloads, or the frame goes first: a
    // broken stream or a closed page, either way a stated failure.
    expect(entry.status).toBe('failed');
    expect(['interrupted', 'stream-error']).toContain(entry.failureReason);
    await page.close();
  });

  it('ends an entry left generating by a worker that died, once its stream has been silent for the stale delay', async () => {
    // As a tab closed while its worker was stopped leaves it: generating, no stream, last news 3 minutes ago.
    const silentSince = Date.now() - 3 * 60_000;
    await putEntries(library.page, [storedEntry({ id: 'task:9207:0', taskId: '9207', status: 'generating', progress: 1, createdAt: silentSince, updatedAt: silentSince })]);
    await running().stopServiceWorker();
    // Any event starts the worker again; its first sweep finds the entry stale.
    await library.page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'wake-up' }).catch(() => undefined));
    const entry = await library.waitForEntry((item) => item.id === 'task:9207:0' && item.status !== 'generating');
    expect(entry).toMatchObject({ status: 'failed', failureReason: 'interrupted' });
  });

  it('loses nothing and leaves nothing generating when the browser restarts between the answer and the popup', async () => {
    const page = await chatPage();
    await startAnswer(page, 'task=9204&marks=1&paceMs=0');
    await answerDone(page);
    await library.waitForEntry((entry) => entry.id === 'task:9204:0' && entry.status === 'done');
    await startAnswer(page, 'task=9205&marks=3&paceMs=20&hold=forever');
    await library.waitForEntry((entry) => entry.id === 'task:9205:0' && entry.progress === 3);
    // An entry whose stream no page will ever replay (its worker died with the browser before
    // it could fail it): only the new session's sweep can end it, and it must not wait 2 minutes.
    await putEntries(library.page, [storedEntry({ id: 'task:9206:0', taskId: '9206', status: 'generating', progress: 2, site: server.origin })]);

    await running().close();
    chromium = undefined;
    const started = Date.now();
    chromium = await launch();

    const ended = await library.waitForEntry((entry) => entry.id === 'task:9206:0' && entry.status !== 'generating', 15_000);
    expect(ended).toMatchObject({ status: 'failed', failureReason: 'interrupted' });
    expect(Date.now() - started).toBeLessThan(30_000);
    const entries = await library.storedEntries();
    expect(entries.find((entry) => entry.id === 'task:9204:0')).toMatchObject({ status: 'done', videoUrl: `${server.origin}/media/9204_0.mp4` });
    expect(entries.find((entry) => entry.id === 'task:9205:0')).toMatchObject({ status: 'failed', failureReason: 'interrupted', progress: 3 });
    expect(entries.filter((entry) => entry.status === 'generating')).toEqual([]);

    // The popup shows it so too.
    await library.reload();
    await expect.poll(() => library.entry('task:9206:0').getAttribute('data-status')).toBe('failed');
    expect(await library.entry('task:9204:0').getAttribute('data-status')).toBe('done');
  });
});
