import 'fake-indexeddb/auto';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCaptureService } from '@/src/background/capture-service';
import { importCapturedLog } from '@/src/library/import-captured-log';
import { REDIRECT_CONTENT_TYPE, type BackgroundToRelayMessage, type RelayMessage } from '@/src/protocol/messages';
import { openVideoDb } from '@/src/store/video-db';
import type { VideoEntry } from '@/src/store/video-entry';
import { createVideoStore, type VideoStore } from '@/src/store/video-store';
import { createFakePort } from '../../support/fake-port';
import { harOf } from '../../support/site-har';
import { expectSiteEntries } from '../../e2e/sites/site-expectations';
import { loadSiteExpectation, loadSiteFixture, responseText, SITES_FIXTURE_DIR, type SiteFixture } from '../sites/extractors/site-fixtures';

// A HAR a user saves on a video app holds the calls its page made: imported, it must make the
// entries a live capture of the same calls makes. Both sides read each site's fixture sequence
// (the one test/e2e/sites/video-apps.e2e.test.ts plays in a browser) into a library of their own.
const sites = readdirSync(SITES_FIXTURE_DIR).sort();
const EXTENSION_ID = 'test-extension-id';
let databases = 0;

async function newStore(): Promise<VideoStore> {
  databases += 1;
  return createVideoStore(await openVideoDb(`har-sites-${databases}`));
}

/** The same calls as the relay delivers them live (a redirect as the page world reports it: src/capture/media-redirect.ts). */
async function captureLive(fixtures: readonly SiteFixture[], store: VideoStore): Promise<void> {
  const service = createCaptureService({ extensionId: EXTENSION_ID, store, log: () => {}, onEntriesChanged: () => {} });
  for (const [index, { page, request, response }] of fixtures.entries()) {
    const port = createFakePort<unknown, BackgroundToRelayMessage>({ id: EXTENSION_ID, url: page, frameId: 0, tab: { id: 1 } });
    service.connect(port);
    const streamId = `s-${index}`;
    const open: RelayMessage =
      response.redirectTo === undefined
        ? { type: 'stream-open', streamId, endpointUrl: request.url, contentType: response.contentType, startedAt: index, method: request.method, ...(request.body === undefined ? {} : { requestBody: request.body }) }
        : { type: 'stream-open', streamId, endpointUrl: response.redirectTo, contentType: REDIRECT_CONTENT_TYPE, startedAt: index, method: request.method, requestBody: request.url };
    port.deliver(open);
    const text = response.redirectTo === undefined ? responseText({ page, request, response }) : '';
    port.deliver({ type: 'stream-chunk', streamId, seq: 0, text });
    port.deliver({ type: 'stream-end', streamId, chunks: 1, outcome: 'complete' });
    await service.idle();
  }
}

/** An entry without its clock fields: what the two ways in must agree on. */
function comparable(entry: VideoEntry): Partial<VideoEntry> {
  const rest: Partial<VideoEntry> = { ...entry };
  delete rest.createdAt;
  delete rest.updatedAt;
  return rest;
}

function byId(entries: readonly VideoEntry[]): Partial<VideoEntry>[] {
  return [...entries].sort((a, b) => a.id.localeCompare(b.id)).map(comparable);
}

describe('a HAR of a video app imports to the entries its live capture makes', () => {
  it.each(sites)('%s', async (site) => {
    const fixtures = loadSiteExpectation(site).sequence.map((name) => loadSiteFixture(site, name));
    const live = await newStore();
    await captureLive(fixtures, live);
    const imported = await newStore();
    const log = importCapturedLog(harOf(fixtures), `${site}.har`);
    await imported.apply(log.updates);

    expectSiteEntries(site, await imported.list());
    expect(byId(await imported.list())).toEqual(byId(await live.list()));
  });
});

describe('importCapturedLog of a HAR saved on a video app', () => {
  const harOfSite = (site: string): string => harOf(loadSiteExpectation(site).sequence.map((name) => loadSiteFixture(site, name)));

  it("finds Kling's video (a HAR recorded on Kling was refused as no library file: it found none)", () => {
    const { updates } = importCapturedLog(harOfSite('kling'), 'klingai.kuaishou.com.har');
    const done = loadSiteExpectation('kling').entries.find((entry) => entry.status === 'done')!;
    expect(updates.filter((update) => update.videoUrl)).toContainEqual(expect.objectContaining({ videoUrl: done.videoUrl, taskId: done.taskId }));
  });

  it("keeps Vidu's cover, prompt and task id with the video, from the calls' bodies and the site's extractor", () => {
    const { updates } = importCapturedLog(harOfSite('vidu'), 'www.vidu.com.har');
    for (const expected of loadSiteExpectation('vidu').entries.filter((entry) => entry.videoUrl)) {
      expect(updates).toContainEqual(
        expect.objectContaining({ id: expect.stringMatching(/^task:vidu:/) as unknown, taskId: expected.taskId, videoUrl: expected.videoUrl, coverUrl: expected.coverUrl, prompt: expected.prompt }),
      );
    }
  });

  it('takes the page from the HAR page an entry belongs to when the request sent no Referer', () => {
    const har = JSON.parse(harOfSite('vidu')) as { log: { pages?: unknown[]; entries: { pageref?: string; request: { headers: unknown[] } }[] } };
    har.log.pages = [{ id: 'page_1', title: loadSiteFixture('vidu', 'create').page }];
    for (const entry of har.log.entries) {
      entry.pageref = 'page_1';
      entry.request.headers = [];
    }
    const { updates } = importCapturedLog(JSON.stringify(har), 'vidu.har');
    expect(updates.some((update) => update.id.startsWith('task:vidu:') && update.prompt)).toBe(true);
  });
});
