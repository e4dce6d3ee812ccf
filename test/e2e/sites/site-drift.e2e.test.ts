import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { driftedFixture, loadDriftSpec } from '../../unit/sites/drift-fixtures';
import { responseText, type SiteFixture } from '../../unit/sites/extractors/site-fixtures';
import { LibraryPage } from '../pages/library-page';
import { fixtureHosts, recordedSites, startVideoAppServer, type VideoAppServer } from './video-app-server';
import { waitFor } from './wait-for';

// A video app that changed both ways at once: its status endpoint moved to a new version (/v2/)
// and its fields were renamed and re-nested, served as text/plain. The widened page-world copy
// (first-byte sniff on the copy's own branch) and the generic task reader must still bring its
// video and cover into the library, and the page must get every byte.
const SITE = 'kling';
let chromium: ExtensionBrowser;
let server: VideoAppServer;
let downloadsDir: string;
let library: LibraryPage;
let page: Page;

/** The path drift and the field drift of the spec in one response. */
function bothDrifts(): SiteFixture {
  const moved = driftedFixture(SITE, 'path');
  const renamed = driftedFixture(SITE, 'field');
  return { ...moved, response: { contentType: 'text/plain;charset=UTF-8', body: renamed.response.body } };
}

beforeAll(async () => {
  const hosts = fixtureHosts(recordedSites());
  server = await startVideoAppServer({ port: Number(process.env.VIDEO_APP_PORT ?? 443), hosts });
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
  chromium = await launchChromiumWithExtension({
    extensionPath: builtExtensionDir(),
    headless: true,
    downloadsDir,
    extraArgs: [`--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1:${server.port}`).join(', ')}`, '--ignore-certificate-errors'],
  });
  library = new LibraryPage(await chromium.openPopup());
  page = await chromium.context.newPage();
  const worker = await chromium.serviceWorker();
  await waitFor(
    async () => ((await worker.evaluate(async () => (await (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } } }).chrome.scripting.getRegisteredContentScripts()).some((script) => script.id === 'app:page:kling'))) ? true : undefined),
    'the video apps to be registered',
  );
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

describe('a video app that changed (Chromium)', () => {
  it('kling at a new /v2/ path with renamed fields, as text/plain: its video and cover reach the library through the generic reader, the page gets every byte, the log says so', async () => {
    const spec = loadDriftSpec(SITE);
    const fixture = bothDrifts();
    await library.clear();
    server.playFixtures(SITE, [{ name: 'status.done (drifted)', fixture }]);
    await page.goto(fixture.page);
    const served = await page.evaluate(
      (call) => (window as unknown as { runCalls(c: unknown[]): Promise<string[]> }).runCalls([call]),
      { method: fixture.request.method, url: fixture.request.url },
    );
    expect(served).toEqual([responseText(fixture)]);
    expect(server.pending()).toBe(0);

    const entry = await waitFor(async () => (await library.storedEntries()).find((item) => item.videoUrl === spec.keeps.videoUrl), 'the drifted video');
    expect(entry).toMatchObject({ status: 'done', coverUrl: spec.keeps.coverUrl, taskId: spec.keeps.taskId, source: 'site-generic' });
    for (const stored of await library.storedEntries()) {
      for (const decoy of spec.decoys) {
        expect(stored.videoUrl).not.toBe(decoy);
        expect(stored.coverUrl).not.toBe(decoy);
      }
    }

    const log = await chromium.context.newPage();
    await log.goto(`chrome-extension://${chromium.extensionId}/capture-log.html`);
    const rows = log.locator('table.capture-log tbody tr');
    const path = new URL(fixture.request.url);
    await expect
      .poll(async () => (await rows.allTextContents()).find((text) => text.includes(`${path.host}${path.pathname}`)) ?? '', { timeout: 10_000 })
      .toMatch(/kling\/generic.*kept 1 with the generic reader/);
    expect(server.unexpected()).toEqual([]);
    await log.close();
  });
});
