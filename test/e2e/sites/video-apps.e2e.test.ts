import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import type { VideoEntry } from '../../../src/store/video-entry';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { waitForFile } from '../../browser/wait-for-file';
import { REDIRECT_CONTENT_TYPE } from '../../../src/protocol/messages';
import { loadSiteExpectation, loadSiteFixture } from '../../unit/sites/extractors/site-fixtures';
import { LibraryPage } from '../pages/library-page';
import { expectSiteEntries, hasSiteEntries, siteCalls } from './site-expectations';
import { fixtureHosts, recordedSites, startVideoAppServer, type VideoAppServer } from './video-app-server';
import { waitFor } from './wait-for';
import { readOfflineCopy, replaceStoredEntries } from '../pages/library-idb';
import { patchSettings, playsInPage, probeAgainstSample, run, sampleMp4, sampleWithStory } from '../support/story-steps';
import { entryStory } from '../../../src/download/video-story';
import { writeMp4Story } from '../../../src/mp4/mp4-metadata';
import { DEFAULT_SETTINGS } from '../../../src/settings/settings';
import { templateFileName } from '../../../src/settings/file-name-template';
import { makeMp4, readBytes, toCo64 } from '../../support/mp4-files';

// Every video app with a site extractor, end to end at its real host name over HTTPS: Chromium
// resolves the hosts to a local server with a certificate made for the run, so the manifest's
// host permissions and the registered capture scripts apply exactly as in the field.
const sites = recordedSites();
/** Sites whose page gets a video link as the final URL of a redirect (Google Flow). */
const redirectSites = sites.filter((site) => loadSiteExpectation(site).sequence.some((name) => loadSiteFixture(site, name).response.redirectTo !== undefined));
let chromium: ExtensionBrowser;
let server: VideoAppServer;
let downloadsDir: string;
let library: LibraryPage;
let page: Page;

type Registered = { id: string; matches?: string[] };
type ScriptingGlobals = { chrome: { scripting: { getRegisteredContentScripts(): Promise<Registered[]> } } };

/** The capture scripts the background registered for the video apps. */
function registeredApps(worker: Worker): Promise<Registered[]> {
  return worker.evaluate(async () =>
    (await (globalThis as unknown as ScriptingGlobals).chrome.scripting.getRegisteredContentScripts()).filter((script) => script.id.startsWith('app:')),
  );
}

async function registeredAppScripts(worker: Worker): Promise<string[]> {
  return (await registeredApps(worker)).map((script) => script.id).sort();
}

function runCalls(target: Page, calls: ReturnType<typeof siteCalls>['calls']): Promise<string[]> {
  return target.evaluate((list) => (window as unknown as { runCalls(c: typeof list): Promise<string[]> }).runCalls(list), calls);
}

beforeAll(async () => {
  const hosts = fixtureHosts(sites);
  // Port 443: the pages' URLs carry no port, and Firefox maps hosts but not ports (CI runs as root).
  server = await startVideoAppServer({ port: Number(process.env.VIDEO_APP_PORT ?? 443), hosts });
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
  chromium = await launchChromiumWithExtension({
    extensionPath: builtExtensionDir(),
    headless: true,
    downloadsDir,
    extraArgs: [
      `--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1:${server.port}`).join(', ')}`,
      // The run's own certificate is no CA's: accepted as Playwright's ignoreHTTPSErrors does.
      '--ignore-certificate-errors',
    ],
  });
  library = new LibraryPage(await chromium.openPopup());
  page = await chromium.context.newPage();
  // A fresh install registers every app's capture scripts without any step of the user's.
  const worker = await chromium.serviceWorker();
  await waitFor(async () => ((await registeredAppScripts(worker)).length === sites.length * 2 ? true : undefined), 'the video apps to be registered');
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await library.clear();
});

describe('video apps at their real host names (Chromium)', () => {
  it('registers two capture scripts per app at install, matching its hosts over HTTPS only', async () => {
    const worker = await chromium.serviceWorker();
    expect(await registeredAppScripts(worker)).toEqual(sites.flatMap((site) => [`app:page:${site}`, `app:relay:${site}`]).sort());
    const matches = (await registeredApps(worker)).flatMap((script) => script.matches ?? []);
    for (const pattern of matches) expect(pattern).toMatch(/^https:\/\/\*\.[a-z0-9.-]+\/\*$/);
  });

  it.each(sites)('%s: create, polls and lists make one entry per task, with cover and prompt, the input image never the video, and the page gets every byte', async (site) => {
    const { page: pageUrl, calls, served } = siteCalls(site);
    server.play(site, loadSiteExpectation(site).sequence);
    await page.goto(pageUrl);
    expect(await runCalls(page, calls)).toEqual(served);
    expect(server.pending()).toBe(0);
    await waitFor(async () => (hasSiteEntries(site, await library.storedEntries()) ? true : undefined), `${site}'s entries`);
    // Settled: a late write would show as an extra entry here.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stored = await library.storedEntries();
    expectSiteEntries(site, stored);
    // The site's extractor read every response: no chat dialect made an entry of its own beside it.
    expect(stored.filter((entry) => !entry.id.startsWith(`task:${site}:`)).map((entry) => entry.id)).toEqual([]);
    expect(server.unexpected()).toEqual([]);
  });
});

describe('media links given as redirects (Chromium)', () => {
  it.each(redirectSites)('%s: the redirect is reported by its final URL alone; the page gets the whole video, the extension copies none of it', async (site) => {
    const { page: pageUrl, calls, served } = siteCalls(site);
    server.play(site, loadSiteExpectation(site).sequence);
    await page.goto(pageUrl);
    expect(await runCalls(page, calls)).toEqual(served);
    await waitFor(async () => (hasSiteEntries(site, await library.storedEntries()) ? true : undefined), `${site}'s entries`);

    const log = await chromium.context.newPage();
    await log.goto(`chrome-extension://${chromium.extensionId}/capture-log.html`);
    const rows = log.locator('table.capture-log tbody tr', { hasText: `${site}/` });
    await expect.poll(async () => (await rows.allTextContents()).filter((text) => text.includes(REDIRECT_CONTENT_TYPE)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const video = served.find((text, index) => calls[index]?.fetch === true) ?? '';
    for (const row of await rows.all()) {
      const [, , call, type, size, handledBy] = await row.locator('td').allTextContents();
      if (type !== REDIRECT_CONTENT_TYPE) continue;
      // The endpoint the page called, read by the site's redirect endpoint; the size read is the
      // final URL's, not the video's.
      expect(call).toMatch(/^GET [a-z0-9.-]+\/\S*getMediaUrlRedirect$/);
      expect(handledBy).toMatch(new RegExp(`^${site}/`));
      expect(Number(size)).toBeGreaterThan(0);
      expect(Number(size)).toBeLessThan(Math.min(1000, video.length));
    }
    await log.close();
  });
});

describe('switching a video app off, and the capture log (Chromium)', () => {
  it('an app switched off in the options runs no capture script and keeps nothing; switched on again, it captures', async () => {
    const site = sites[0]!;
    const { page: pageUrl, calls, served } = siteCalls(site);
    const worker = await chromium.serviceWorker();
    const options = await chromium.context.newPage();
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    const toggle = options.locator(`#video-app-${site}`);
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await toggle.click();
    await waitFor(async () => ((await registeredAppScripts(worker)).some((id) => id.endsWith(`:${site}`)) ? undefined : true), `${site}'s scripts to go`);
    expect(await registeredAppScripts(worker)).toHaveLength((sites.length - 1) * 2);

    server.play(site, loadSiteExpectation(site).sequence);
    await page.goto(pageUrl);
    expect(await runCalls(page, calls)).toEqual(served);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await library.storedEntries()).filter((entry) => entry.id.startsWith(`task:${site}:`))).toEqual([]);

    await toggle.click();
    await waitFor(async () => ((await registeredAppScripts(worker)).length === sites.length * 2 ? true : undefined), `${site}'s scripts to return`);
    server.play(site, loadSiteExpectation(site).sequence);
    await page.goto(pageUrl);
    expect(await runCalls(page, calls)).toEqual(served);
    await waitFor(async () => (hasSiteEntries(site, await library.storedEntries()) ? true : undefined), `${site}'s entries`);
    await options.close();
  });

  it('logs each response it looked at, which extractor read it and what it found, or that its shape is unknown; the report holds no query string', async () => {
    const site = sites.at(-1)!;
    const { page: pageUrl, calls, served } = siteCalls(site);
    const sequence = loadSiteExpectation(site).sequence;
    const changed = { reshaped: { by: 'the site' } };
    server.play(site, sequence);
    // The site "changes its JSON" for the first call: the extractor knows the path, not the shape.
    server.overrideNext(changed);
    await page.goto(pageUrl);
    expect(await runCalls(page, calls)).toEqual([JSON.stringify(changed), ...served.slice(1)]);

    const log = await chromium.context.newPage();
    await log.goto(`chrome-extension://${chromium.extensionId}/capture-log.html`);
    const rows = log.locator('table.capture-log tbody tr');
    const firstPath = new URL(calls[0]!.url);
    await expect.poll(async () => (await rows.allTextContents()).filter((text) => text.includes(`${site}/`)).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(calls.length);
    const texts = await rows.allTextContents();
    const unknown = texts.find((text) => text.includes(`${firstPath.host}${firstPath.pathname}`) && text.includes('unknown-shape'));
    expect(unknown, texts.join('\n')).toBeDefined();
    expect(texts.some((text) => text.includes(`${site}/`) && /found \d/.test(text))).toBe(true);

    await log.getByRole('button', { name: 'Export report' }).click();
    const file = await waitForFile(downloadsDir, /^video-keeper-capture-log-\d+\.json$/);
    const report = JSON.parse(await readFile(file.path, 'utf8')) as { kind: string; records: { path: string; handledBy?: string; issues: string[] }[] };
    expect(report.kind).toBe('video-keeper-capture-log');
    expect(report.records.some((record) => record.handledBy?.startsWith(`${site}/`) && record.issues.includes('unknown-shape'))).toBe(true);
    expect(JSON.stringify(report)).not.toMatch(/\?|x-expires|signature/i);
    await log.close();
  });
});

describe('copies by default, the story in the file, the ZIP (Chromium)', () => {
  it('the install warning is still the same two lines with the media hosts granted', async () => {
    const manifest = await readFile(join(builtExtensionDir(), 'manifest.json'), 'utf8');
    const hosts = (JSON.parse(manifest) as { host_permissions: string[] }).host_permissions;
    expect(hosts).toEqual(expect.arrayContaining(['https://*.videos.openai.com/*', 'https://*.vlabvod.com/*']));
    const warnings = await library.page.evaluate(
      (text) => (globalThis as unknown as { chrome: { management: { getPermissionWarningsByManifest(m: string): Promise<string[]> } } }).chrome.management.getPermissionWarningsByManifest(text),
      manifest,
    );
    expect(warnings).toEqual(['Read and change your data on a number of websites', 'Manage your downloads']);
  });

  it('a done video is copied with no prompt; its link then answers 403 and it still plays and downloads, with its story, from the copy; Chromium plays edited normal, faststart and co64 files', async () => {
    // Qwen serves its videos from cdn.qwenlm.ai, a media host beside its pages.
    const site = 'qwen';
    const { page: pageUrl, calls, served } = siteCalls(site);
    server.play(site, loadSiteExpectation(site).sequence);
    await page.goto(pageUrl);
    expect(await runCalls(page, calls)).toEqual(served);
    const done = await waitFor(async () => {
      const found = (await library.storedEntries()).filter((entry) => entry.id.startsWith(`task:${site}:`) && entry.status === 'done');
      return found.length === 1 ? found : undefined;
    }, `${site}'s done entry`);
    expect(new URL(done[0]!.videoUrl!).hostname).toBe('cdn.qwenlm.ai');
    for (const entry of done) {
      await expect.poll(() => library.page.evaluate(readOfflineCopy, entry.id).then((copy) => copy?.state), { timeout: 20_000 }).toBe('kept');
    }
    // No broad permission was asked for or granted: the copy used the install-time hosts.
    const broad = await library.page.evaluate(() =>
      (globalThis as unknown as { chrome: { permissions: { contains(p: { origins: string[] }): Promise<boolean> } } }).chrome.permissions.contains({ origins: ['*://*/*'] }),
    );
    expect(broad).toBe(false);

    const entry = done[0]!;
    server.refuse(entry.videoUrl!);
    expect(await library.page.evaluate((url) => fetch(url).then((response) => response.status), entry.videoUrl!)).toBe(403);

    const gallery = await chromium.context.newPage();
    await gallery.goto(`chrome-extension://${chromium.extensionId}/gallery.html`);
    const card = gallery.locator(`li.entry[data-entry-id="${entry.id}"]`);
    await expect.poll(() => card.getAttribute('data-offline')).toBe('video');
    await card.getByRole('button', { name: /^Play .* here$/ }).click();
    const player = card.locator('video.entry-player');
    await expect.poll(() => player.getAttribute('src')).toMatch(/^blob:chrome-extension:/);
    await expect.poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime), { timeout: 10_000 }).toBeGreaterThan(0);

    await library.reload();
    await library.download(entry.id);
    const file = await waitForFile(downloadsDir, templateFileName(DEFAULT_SETTINGS.fileNameTemplate, entry), { timeoutMs: 20_000 });
    const downloaded = await readFile(file.path);
    expect(downloaded.equals(await sampleWithStory(entry))).toBe(true);
    const samplePath = join(downloadsDir, 'sample-original.mp4');
    await writeFile(samplePath, sampleMp4);
    const probed = await probeAgainstSample(file.path, samplePath);
    expect(probed.tags).toMatchObject({ title: entryStory(entry).title, comment: entryStory(entry).comment, encoder: 'Video Keeper' });
    expect(probed.tags.comment).toContain(`Site: ${entry.site}`);
    expect(probed.sameMedia && probed.sameBytes).toBe(true);
    expect(await playsInPage(gallery, downloaded)).toBeGreaterThan(0);

    // The editor's three shapes of file, each played by Chromium after the story went in.
    const normal = await readBytes(await makeMp4(downloadsDir, 'normal.mp4', { seconds: 1 }));
    const faststart = await readBytes(await makeMp4(downloadsDir, 'faststart.mp4', { seconds: 1, faststart: true }));
    for (const original of [normal, faststart, toCo64(faststart)]) {
      const edited = new Uint8Array(await (await writeMp4Story(new Blob([original as BlobPart]), entryStory(entry)))!.arrayBuffer());
      expect(await playsInPage(gallery, edited)).toBeCloseTo(1, 0);
    }
    await gallery.close();
  });

  it('a ZIP of three (a copy, a fetched link, an unreachable one) opens with unzip -t and holds videos, covers, sidecars, videos.json, prompts.csv with the Chinese prompts, and errors.txt', async () => {
    // Seeded, not captured: an unchanged recorded answer is not written twice in one worker.
    const seeded = (name: string, prompt: string, createdAt: number): VideoEntry => ({
      id: `task:qwen:zip-${name}:0`,
      status: 'done',
      progress: 0,
      videoUrl: `https://cdn.qwenlm.ai/output/zip-${name}.mp4`,
      videoKey: `https://cdn.qwenlm.ai/output/zip-${name}.mp4`,
      coverUrl: `https://cdn.qwenlm.ai/output/zip-${name}-cover.jpg`,
      prompt,
      taskId: `zip-${name}`,
      model: 'wan2.2-t2v',
      site: 'https://chat.qwen.ai',
      pageUrl: 'https://chat.qwen.ai/c/zip',
      endpointUrl: 'https://chat.qwen.ai/api/v2/chats',
      index: 0,
      source: 'site',
      createdAt,
      updatedAt: createdAt,
    });
    const copied = seeded('a', '一只柴犬在海边追逐浪花，慢动作', Date.now() - 3000);
    const fetched = seeded('b', '雨夜的霓虹街头，一个人撑伞走远', Date.now() - 2000);
    const lost = seeded('c', '海浪拍打礁石，夕阳金色的光', Date.now() - 1000);
    server.refuse(lost.videoUrl!);
    await patchSettings(library.page, { keepAppCopies: false });
    try {
      await library.page.evaluate(replaceStoredEntries, [copied, lost]);
      // Switched on: the catch-up copies what the library holds (the lost link fails: no copy).
      await patchSettings(library.page, { keepAppCopies: true });
      await expect.poll(() => library.page.evaluate(readOfflineCopy, copied.id).then((copy) => copy?.state), { timeout: 20_000 }).toBe('kept');
      await expect.poll(() => library.page.evaluate(readOfflineCopy, lost.id).then((copy) => copy?.state), { timeout: 20_000 }).toBe('skipped');
      await patchSettings(library.page, { keepAppCopies: false });
      await library.page.evaluate(replaceStoredEntries, [copied, fetched, lost]);
      const chosen = [copied, fetched, lost];

      const gallery = await chromium.context.newPage();
      await gallery.goto(`chrome-extension://${chromium.extensionId}/gallery.html`);
      for (const entry of chosen) await gallery.locator(`li.entry[data-entry-id="${entry.id}"] input.entry-select`).check();
      await gallery.locator('[data-action="download-zip"]').click();
      const zip = await waitForFile(downloadsDir, /^video-keeper-.*\.zip$/, { timeoutMs: 30_000 });
      expect((await run('unzip', ['-t', zip.path])).stdout).toMatch(/No errors detected/);
      const names = (await run('unzip', ['-Z1', zip.path])).stdout.trim().split('\n');
      const base = (entry: VideoEntry) => templateFileName(DEFAULT_SETTINGS.fileNameTemplate, entry).replace(/\.mp4$/, '');
      expect(names).toEqual(expect.arrayContaining(['videos.json', 'prompts.csv', 'errors.txt', ...chosen.map((entry) => `${base(entry)}.json`), `${base(copied)}.mp4`, `${base(fetched)}.mp4`, `${base(copied)}.jpg`]));
      expect(names).not.toContain(`${base(lost)}.mp4`);
      const read = async (name: string) => (await run('unzip', ['-p', zip.path, name], { encoding: 'buffer', maxBuffer: 50_000_000 })).stdout as unknown as Buffer;
      const csv = (await read('prompts.csv')).toString('utf8');
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      for (const entry of chosen) expect(csv).toContain(entry.prompt!);
      expect((await read('errors.txt')).toString('utf8')).toMatch(new RegExp(`${base(lost)}\\.mp4\\t.*HTTP 403`));
      // The copy went in with its story; the fetched link as the server sent it.
      expect((await read(`${base(copied)}.mp4`)).equals(await sampleWithStory(copied))).toBe(true);
      expect((await read(`${base(fetched)}.mp4`)).equals(sampleMp4)).toBe(true);
      const videos = JSON.parse((await read('videos.json')).toString('utf8')) as { id: string; file: string | null; prompt: string }[];
      // In the order the gallery shows them: newest first.
      expect(videos.map((video) => [video.prompt, video.file])).toEqual([
        [lost.prompt, null],
        [fetched.prompt, `${base(fetched)}.mp4`],
        [copied.prompt, `${base(copied)}.mp4`],
      ]);
      await expect.poll(() => gallery.locator('.zip-progress').getAttribute('data-state')).toBe('saved');
      expect(await gallery.locator(`.zip-progress li[data-entry-id="${lost.id}"]`).getAttribute('data-state')).toBe('failed');
      await gallery.close();
    } finally {
      await patchSettings(library.page, { keepAppCopies: true });
    }
  });
});
