import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
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
