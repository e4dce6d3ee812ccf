import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { waitForFile } from '../../browser/wait-for-file';
import { startDemoServer } from '../../demo-site/server';
import { putEntries } from '../hardening/support/library-store';
import { LibraryPage } from '../pages/library-page';
import { seedEntryId, seedVideo } from '../support/seed-capture';
import { extensionWithPermissions } from './support/granted-extension';

interface ChromeGlobals {
  chrome: {
    downloads: { search(query: object): Promise<Array<{ filename: string }>> };
    notifications: {
      getAll(): Promise<Record<string, boolean>>;
      clear(id: string): Promise<boolean>;
    };
  };
}

/** The demo answer's video under the template the test sets. */
const FILE = join('auto', `一条狗 ${seedVideo.taskId}.mp4`);
/** Time a download or a notification gets to show up after the write that would cause it. */
const GRACE_MS = 700;

let server: { origin: string; close(): Promise<void> };
const cleanUp: string[] = [];
const running: ExtensionBrowser[] = [];

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});

afterAll(async () => {
  for (const browser of running) await browser.close();
  await server?.close();
  for (const dir of cleanUp) await rm(dir, { recursive: true, force: true });
});

async function launch(extensionPath: string): Promise<{ browser: ExtensionBrowser; downloadsDir: string }> {
  const downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
  cleanUp.push(downloadsDir);
  const browser = await launchChromiumWithExtension({ extensionPath, headless: true, downloadsDir });
  running.push(browser);
  return { browser, downloadsDir };
}

async function openOptions(browser: ExtensionBrowser): Promise<Page> {
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  return options;
}

async function openChat(browser: ExtensionBrowser): Promise<Page> {
  const chat = await browser.context.newPage();
  await chat.goto(`${server.origin}/test/page.html`);
  return chat;
}

/** Runs one demo answer in the chat page; resolves once the page has read all of it. */
function generate(chat: Page, query = 'pace=0'): Promise<unknown> {
  return chat.evaluate(
    (path) => (window as unknown as { runCapture(m: string, p: string): Promise<unknown> }).runCapture('reader', path),
    `/v1/chat/completions?${query}`,
  );
}

/** The answers the background has opened and read to their end, by its capture log. */
interface AnswersSeen {
  opened: number;
  read: number;
}

async function answersSeen(options: Page): Promise<AnswersSeen> {
  const log = (await options.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'capture-log' }),
  )) as { records: { outcome: string }[] };
  return { opened: log.records.length, read: log.records.filter((record) => record.outcome !== 'open').length };
}

/** Resolves once every answer the capture log holds has been read to its end. */
async function answersSettled(options: Page): Promise<AnswersSeen> {
  let seen: AnswersSeen = { opened: 1, read: 0 };
  await expect.poll(async () => (seen = await answersSeen(options)).opened - seen.read, { timeout: 20_000 }).toBe(0);
  return seen;
}

/**
 * Resolves once the background has opened (or read to its end) one more answer than `before`.
 * An answer that changes nothing is not written again (src/store/same-entry.ts), so the library
 * cannot say it was read; the capture log does.
 */
async function answerAfter(options: Page, before: AnswersSeen, what: keyof AnswersSeen): Promise<AnswersSeen> {
  let seen = before;
  await expect.poll(async () => (seen = await answersSeen(options))[what], { timeout: 20_000 }).toBeGreaterThan(before[what]);
  return seen;
}

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

describe('new videos', () => {
  it('downloads a new video once, under the template, and never again for the same video', async () => {
    const { browser, downloadsDir } = await launch(builtExtensionDir());
    const options = await openOptions(browser);
    await options.getByLabel('File name template').fill('auto/{prompt} {taskId}');
    await expect.poll(() => options.locator('.template-saved').textContent()).toBe('Saved.');
    await options.getByLabel('Download each new video when it is done').click();
    await expect.poll(() => options.locator('.signal-status').textContent()).toBe('Saved.');
    const library = new LibraryPage(options);
    const downloads = () => options.evaluate(() => (globalThis as unknown as ChromeGlobals).chrome.downloads.search({}));
    const chat = await openChat(browser);

    // Seen generating, then the worker stops before the answer is done: the next worker,
    // fed by the relay's replay, still downloads it when it is done.
    const first = generate(chat, 'pace=0&hold=1500');
    await library.waitForEntry((item) => item.id === seedEntryId && item.status === 'generating');
    await browser.stopServiceWorker();
    await first;
    await waitForFile(join(downloadsDir, 'auto'), `一条狗 ${seedVideo.taskId}.mp4`, { timeoutMs: 15_000 });
    await library.waitForEntry((item) => item.id === seedEntryId && item.status === 'done');

    // The same video again in a new worker: a fresh answer with it, …
    await browser.stopServiceWorker();
    let seen = await answersSeen(options);
    await generate(chat);
    seen = await answerAfter(options, seen, 'read');
    // … a replay of a stream cut by a stopped worker, …
    const replayed = generate(chat, 'pace=0&hold=1000');
    seen = await answerAfter(options, seen, 'opened');
    await browser.stopServiceWorker();
    await replayed;
    // The replay's record may be the one the stopped worker opened: wait until none is open.
    seen = await answersSettled(options);
    // … and the chat page reloaded.
    await chat.reload();
    await generate(chat);
    await answerAfter(options, seen, 'read');

    // A video the library held before (another task id, a day old): captured again, it merges
    // into that old entry (same link without its signature) and is not new either.
    const captured = await library.waitForEntry((item) => item.id === seedEntryId);
    const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
    await library.clear();
    await putEntries(options, [{ ...captured, id: 'task:old:0', taskId: 'old', createdAt: dayAgo, updatedAt: dayAgo }]);
    const beforeOld = await answersSeen(options);
    await generate(chat);
    await answerAfter(options, beforeOld, 'read');
    await library.waitForEntry((item) => item.id === 'task:old:0');

    await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
    expect(await filesUnder(downloadsDir)).toEqual([FILE]);
    expect(await downloads()).toHaveLength(1);
  });

  it('notifies once when a video that was generating is done', async () => {
    // Chromium's headless permission prompt cannot be answered: the copy has it granted already.
    const extension = await extensionWithPermissions(['notifications']);
    cleanUp.push(dirname(extension));
    const { browser, downloadsDir } = await launch(extension);
    const options = await openOptions(browser);
    await options.getByLabel('Notify me when a video is done').click();
    await expect.poll(() => options.locator('.signal-status').textContent()).toBe('Saved.');
    expect(await options.getByLabel('Notify me when a video is done').isChecked()).toBe(true);
    const library = new LibraryPage(options);
    const notifications = () => options.evaluate(() => (globalThis as unknown as ChromeGlobals).chrome.notifications.getAll());
    const chat = await openChat(browser);

    await generate(chat, 'pace=0&hold=300');
    const id = `video-done:${seedEntryId}`;
    await expect.poll(notifications, { timeout: 10_000 }).toEqual({ [id]: true });
    await library.waitForEntry((item) => item.id === seedEntryId && item.status === 'done');

    // Cleared (as a user would dismiss it), the same video captured again brings no second one.
    await options.evaluate((name) => (globalThis as unknown as ChromeGlobals).chrome.notifications.clear(name), id);
    await browser.stopServiceWorker();
    const seen = await answersSeen(options);
    await generate(chat);
    await answerAfter(options, seen, 'read');
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
    expect(await notifications()).toEqual({});
    // Auto-download stayed off.
    expect(await filesUnder(downloadsDir)).toEqual([]);
  });
});
