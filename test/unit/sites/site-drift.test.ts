import { describe, expect, it } from 'vitest';
import { createSiteCaptureSession } from '@/src/background/site-capture-session';
import { shouldCopyBody } from '@/src/capture/should-copy-body';
import { createCaptureJournal } from '@/src/capture-log/capture-journal';
import { outcomeText } from '@/src/capture-log/render-capture-log';
import type { StreamIssue } from '@/src/decode/answer-reassembler';
import { findSiteEndpoint, SITE_EXTRACTORS } from '@/src/sites/extractors';
import { unmatchedAppResponse } from '@/src/sites/unmatched-app-response';
import { appCopyHosts } from '@/src/sites/video-apps';
import { mergeEntry, type EntryUpdate } from '@/src/store/merge-entry';
import type { VideoEntry } from '@/src/store/video-entry';
import { driftedFixture, driftSites, loadDriftSpec, type DriftKind } from './drift-fixtures';
import { responseText, type SiteFixture } from './extractors/site-fixtures';

/** Reads a fixture the way the background does (src/background/capture-service.ts), with the log. */
function capture(fixture: SiteFixture) {
  const pageHost = new URL(fixture.page).hostname;
  const match = findSiteEndpoint(pageHost, fixture.request.method, fixture.request.url);
  const unmatched = match ? undefined : unmatchedAppResponse(pageHost, fixture.request.url, SITE_EXTRACTORS);
  const siteMatch = match ?? (unmatched ? { extractor: unmatched } : undefined);
  if (!siteMatch) throw new Error(`${fixture.request.url} reaches no site session`);
  const issues: StreamIssue[] = [];
  const session = createSiteCaptureSession(
    siteMatch,
    {
      site: new URL(fixture.page).origin,
      pageUrl: fixture.page,
      endpointUrl: fixture.request.url,
      contentType: fixture.response.contentType,
      method: fixture.request.method,
      ...(fixture.request.body === undefined ? {} : { requestBody: fixture.request.body }),
    },
    (issue) => issues.push(issue),
  );
  const updates: EntryUpdate[] = [...session.push(responseText(fixture)), ...session.end('complete')];
  const journal = createCaptureJournal();
  journal.opened('s', { at: 1, site: new URL(fixture.page).origin, method: fixture.request.method, endpointUrl: fixture.request.url, contentType: fixture.response.contentType });
  for (const issue of issues) journal.issue('s', issue.type);
  journal.closed('s', 'complete', session.summary());
  const stored = new Map<string, VideoEntry>();
  for (const update of updates) stored.set(update.id, mergeEntry(stored.get(update.id), update, 1));
  return { match, entries: [...stored.values()], issues, record: journal.records()[0]!, summary: session.summary() };
}

/**
 * The apps a drift spec covers: the seven that had extractors before the generic reader. The
 * apps added since (Flow, Gemini, Grok, Midjourney, Runway, Higgsfield, Doubao, Qwen, Wan, Meta
 * AI) have no spec yet; a spec added for one of them is listed here.
 */
const FIRST_SEVEN = ['chatglm', 'hailuo', 'jimeng', 'kling', 'pixverse', 'sora', 'vidu'];

const cases = driftSites().flatMap((site) => (['path', 'field'] as DriftKind[]).map((kind) => ({ site, kind })));

describe('a site that changed: drifted fixtures of every app (test/fixtures/sites-drift/)', () => {
  it('has a drift spec for each of the first seven apps, and none for an unknown one', () => {
    const apps = SITE_EXTRACTORS.map((extractor) => extractor.name);
    expect(driftSites()).toEqual(FIRST_SEVEN);
    for (const site of driftSites()) expect(apps).toContain(site);
  });

  it.each(cases)('$site, $kind drift: the video and its cover are kept in one entry, no decoy is ever the video or the cover, the log says so', ({ site, kind }) => {
    const spec = loadDriftSpec(site);
    const fixture = driftedFixture(site, kind, spec);
    // The decoys are still there to be mistaken.
    for (const decoy of spec.decoys) expect(JSON.stringify(fixture.response.body)).toContain(decoy.replaceAll('/', '/'));
    // The page world copies it on the app's pages, whatever the path.
    expect(shouldCopyBody(fixture.response.contentType, fixture.request.url, responseText(fixture).length, appCopyHosts(fixture.page))).toBe(true);

    const { match, entries, record, summary } = capture(fixture);
    if (kind === 'path') expect(match, 'the moved path still matches an endpoint: not a drift').toBeUndefined();
    else expect(match?.extractor.name).toBe(site);

    const kept = entries.find((entry) => entry.videoUrl === spec.keeps.videoUrl);
    expect(kept, `${site} ${kind}: ${JSON.stringify(entries.map((entry) => [entry.taskId, entry.videoUrl, entry.coverUrl]))}`).toBeDefined();
    expect(kept).toMatchObject({ status: 'done', coverUrl: spec.keeps.coverUrl, taskId: spec.keeps.taskId, source: 'site-generic' });
    for (const entry of entries) {
      for (const decoy of spec.decoys) {
        expect(entry.videoUrl).not.toBe(decoy);
        expect(entry.coverUrl).not.toBe(decoy);
        expect(entry.alternates ?? []).not.toContain(decoy);
      }
    }
    expect(summary.generic).toBeGreaterThan(0);
    expect(record.outcome).toBe('found');
    expect(record.handledBy).toBe(kind === 'path' ? `${site}/generic` : `${site}/${match?.endpoint.name}${match?.endpoint.rule ? ` (${match.endpoint.rule})` : ''}`);
    expect(outcomeText(record)).toMatch(kind === 'path' ? /^kept \d+ with the generic reader/ : /^unknown shape: kept \d+ with the generic reader/);
  });

  it.each(driftSites())('%s: an entry the generic reader made is upgraded in place when the extractor reads the same task', (site) => {
    const spec = loadDriftSpec(site);
    const generic = capture(driftedFixture(site, 'path', spec)).entries.find((entry) => entry.videoUrl === spec.keeps.videoUrl)!;
    const original = driftedFixture(site, 'path', { ...spec, pathDrift: { from: '/', to: '/' } });
    const fromExtractor = capture(original);
    const update = fromExtractor.entries.find((entry) => entry.taskId === spec.keeps.taskId && entry.status === 'done')!;
    expect(update.source).toBe('site');
    const upgraded = mergeEntry(generic, { ...update, id: generic.id }, 2);
    expect(upgraded).toMatchObject({ id: generic.id, source: 'site', videoUrl: update.videoUrl, coverUrl: update.coverUrl, createdAt: generic.createdAt });
    if (update.prompt) expect(upgraded.prompt).toBe(update.prompt);
  });
});
