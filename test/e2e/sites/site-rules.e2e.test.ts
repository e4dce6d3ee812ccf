import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoEntry } from '@/src/store/video-entry';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import type { SiteFixture } from '../../unit/sites/extractors/site-fixtures';
import { responseText } from '../../unit/sites/extractors/site-fixtures';
import { LibraryPage } from '../pages/library-page';
import { startVideoAppServer, type VideoAppServer } from './video-app-server';
import { waitFor } from './wait-for';

// A video app that changed (Kling with its paths moved to /api/v2/ and every field renamed), in
// the real browser at its real host name: the built-in rule keeps nothing of it; a rule pack
// loaded from a file in the real options page restores the full entry, prompt and status included.
const DRIFTED = 'test/fixtures/site-rules/kling-drifted/';
const PACK_FILE = 'test/fixtures/site-rules/kling-v2-fix.pack.json';
const SEQUENCE = ['submit', 'status.generating', 'status.done'];
const HOSTS = ['klingai.kuaishou.com', 'p1-fdl.klingai.com', 'v1-fdl.kechuangai.com'];
const JOB = '306329708257035';
const PROMPT = '女孩在海边回头微笑，海风吹起头发，电影感';
const VIDEO = 'https://v1-fdl.kechuangai.com/bs2/upload-ylab-stunt/kling/video/306329708257035/0b7d9f1a3c5e4a6c8e0b2d4f6a8c1e3b-1.mp4?x-kcdn-pid=112452';
const COVER = 'https://p1-fdl.klingai.com/bs2/upload-ylab-stunt/kling/cover/306329708257035/0b7d9f1a3c5e4a6c8e0b2d4f6a8c1e3b-1.jpg?x-kcdn-pid=112452';
const INPUT = 'https://p1-fdl.klingai.com/bs2/upload-ylab-stunt/ai_portal/1765053012345/9c1e3a5b7d.jpg?x-kcdn-pid=112452';

let chromium: ExtensionBrowser;
let server: VideoAppServer;
let library: LibraryPage;
let page: Page;
let scratch: string;
let fixtures: { name: string; fixture: SiteFixture }[];

/** Makes the drifted calls from the app's page (fetch and XHR in turn) and checks the page got every byte. */
async function runDriftedCalls(): Promise<void> {
  server.playFixtures('kling', fixtures);
  await page.goto(fixtures[0]!.fixture.page);
  const calls = fixtures.map(({ fixture }) => ({ method: fixture.request.method, url: fixture.request.url, ...(fixture.request.body === undefined ? {} : { body: fixture.request.body }) }));
  const texts = await page.evaluate((list) => (window as unknown as { runCalls(c: typeof list): Promise<string[]> }).runCalls(list), calls);
  expect(texts).toEqual(fixtures.map(({ fixture }) => responseText(fixture)));
  expect(server.pending()).toBe(0);
}

const isFull = (entry: VideoEntry) => entry.taskId === JOB && entry.status === 'done' && entry.prompt === PROMPT && entry.videoUrl === VIDEO;

beforeAll(async () => {
  fixtures = await Promise.all(SEQUENCE.map(async (name) => ({ name, fixture: JSON.parse(await readFile(`${DRIFTED}${name}.json`, 'utf8')) as SiteFixture })));
  server = await startVideoAppServer({ port: Number(process.env.VIDEO_APP_PORT ?? 443), hosts: HOSTS });
  scratch = await mkdtemp(join(tmpdir(), 'video-keeper-rules-'));
  chromium = await launchChromiumWithExtension({
    extensionPath: builtExtensionDir(),
    headless: true,
    downloadsDir: scratch,
    extraArgs: [`--host-resolver-rules=${HOSTS.map((host) => `MAP ${host} 127.0.0.1:${server.port}`).join(', ')}`, '--ignore-certificate-errors'],
  });
  library = new LibraryPage(await chromium.openPopup());
  page = await chromium.context.newPage();
  const worker = await chromium.serviceWorker();
  type Globals = { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } };
  await waitFor(
    async () => ((await worker.evaluate(async () => (await (globalThis as unknown as Globals).chrome.scripting.getRegisteredContentScripts()).map((script) => script.id))).includes('app:page:kling') ? true : undefined),
    'the Kling capture scripts',
  );
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('site rule packs (Chromium)', () => {
  it('a pack loaded from a file in the options page fixes a drifted app: full entries, prompt and status included; the log names the pack', async () => {
    // Before: the built-in Kling rule knows neither the paths nor the fields.
    await library.clear();
    await runDriftedCalls();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const before = await library.storedEntries();
    expect(before.filter((entry) => entry.id.startsWith(`task:kling:${JOB}`))).toEqual([]);
    expect(before.some(isFull)).toBe(false);

    // A bad pack is refused with its reason and changes nothing.
    const options = await chromium.context.newPage();
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    const status = options.locator('.site-rules-status');
    const bad = join(scratch, 'bad.json');
    await writeFile(bad, JSON.stringify({ format: 'video-keeper-rules/1', name: 'greedy', version: '1', apps: [{ name: 'all', hosts: ['*'], endpoints: [{ name: 'x', method: 'GET', path: '/x', read: { generic: true } }] }] }));
    await options.setInputFiles('#site-rules-file', bad);
    await expect.poll(() => status.textContent()).toMatch(/refused, nothing changed/);
    expect(await options.locator('.site-rule-pack').count()).toBe(0);

    // The fixing pack, from a file.
    await options.setInputFiles('#site-rules-file', PACK_FILE);
    await expect.poll(() => status.textContent()).toContain('kling-v2-fix 1.0.0');
    await expect.poll(() => options.locator('.site-rule-pack[data-pack="kling-v2-fix"]').count()).toBe(1);
    expect(await options.locator('.site-rule-pack[data-pack="kling-v2-fix"] li[data-app="kling"]').textContent()).toMatch(/2 endpoints/);
    // The background reloads on the storage change; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));

    await library.clear();
    await runDriftedCalls();
    const entries = await waitFor(async () => {
      const stored = await library.storedEntries();
      return stored.some(isFull) ? stored : undefined;
    }, 'the full Kling entry');
    const mine = entries.filter((entry) => entry.taskId === JOB);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: `task:kling:${JOB}:0`, status: 'done', prompt: PROMPT, videoUrl: VIDEO, coverUrl: COVER, inputImageUrl: INPUT, source: 'site' });
    expect(server.unexpected()).toEqual([]);

    type Records = { records: { path: string; handledBy?: string }[] };
    const log = await options.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'capture-log' }));
    const handledBy = (log as Records).records.map((record) => record.handledBy);
    expect(handledBy).toContain('kling/submit (kling-v2-fix 1.0.0)');
    expect(handledBy).toContain('kling/status (kling-v2-fix 1.0.0)');
    await options.close();
  });
});
