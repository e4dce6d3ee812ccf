import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSiteCaptureSession } from '@/src/background/site-capture-session';
import { findSiteEndpoint, SITE_EXTRACTORS, type SiteExtractor } from '@/src/sites/extractors';
import { extractorsWithPacks, readRulePack, type PackReading } from '@/src/sites/rules/rule-pack';
import { MAX_PACK_BYTES, RULE_FORMAT } from '@/src/sites/rules/rule-schema';
import { mergeEntry } from '@/src/store/merge-entry';
import type { VideoEntry } from '@/src/store/video-entry';
import { requestOf, responseText, type SiteFixture } from '../extractors/site-fixtures';

const PACK_FILE = 'test/fixtures/site-rules/kling-v2-fix.pack.json';
const DRIFTED = 'test/fixtures/site-rules/kling-drifted/';
const SEQUENCE = ['submit', 'status.generating', 'status.done'];
const JOB = '306329708257035';
const PROMPT = '女孩在海边回头微笑，海风吹起头发，电影感';
const VIDEO = 'https://v1-fdl.kechuangai.com/bs2/upload-ylab-stunt/kling/video/306329708257035/0b7d9f1a3c5e4a6c8e0b2d4f6a8c1e3b-1.mp4?x-kcdn-pid=112452';
const COVER = 'https://p1-fdl.klingai.com/bs2/upload-ylab-stunt/kling/cover/306329708257035/0b7d9f1a3c5e4a6c8e0b2d4f6a8c1e3b-1.jpg?x-kcdn-pid=112452';
const INPUT = 'https://p1-fdl.klingai.com/bs2/upload-ylab-stunt/ai_portal/1765053012345/9c1e3a5b7d.jpg?x-kcdn-pid=112452';

const drifted = (name: string) => JSON.parse(readFileSync(`${DRIFTED}${name}.json`, 'utf8')) as SiteFixture;
const packText = readFileSync(PACK_FILE, 'utf8');
const app = (extra: Record<string, unknown> = {}, endpoint: Record<string, unknown> = {}) => ({
  name: 'new-app',
  hosts: ['videos.example.com'],
  endpoints: [{ name: 'task', method: 'GET', path: '/api/tasks/*', read: { map: { tasks: 'data', id: 'id' } }, ...endpoint }],
  ...extra,
});
const pack = (apps: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ format: RULE_FORMAT, name: 'test-pack', version: '1.0.0', apps, ...extra });
const refused = (reading: PackReading) => (reading.ok ? undefined : reading.error);

/** Runs a sequence of responses through the background's site session and merge, as the capture does. */
function capture(extractors: readonly SiteExtractor[], fixtures: SiteFixture[]) {
  const stored = new Map<string, VideoEntry>();
  const handledBy: (string | undefined)[] = [];
  let now = 1;
  for (const fixture of fixtures) {
    const match = findSiteEndpoint(new URL(fixture.page).hostname, fixture.request.method, fixture.request.url, extractors);
    if (!match) {
      handledBy.push(undefined);
      continue;
    }
    const session = createSiteCaptureSession(
      match,
      { site: 'https://klingai.kuaishou.com', pageUrl: fixture.page, endpointUrl: fixture.request.url, contentType: fixture.response.contentType, method: fixture.request.method, ...(fixture.request.body ? { requestBody: fixture.request.body } : {}) },
      () => {},
    );
    for (const update of [...session.push(responseText(fixture)), ...session.end('complete')]) stored.set(update.id, mergeEntry(stored.get(update.id), update, (now += 1)));
    handledBy.push(session.summary().handledBy);
  }
  return { entries: [...stored.values()], handledBy };
}

describe('rule packs', () => {
  it('a pack that overrides Kling reads the drifted app in full (prompt and status included), which the built-in rule does not', () => {
    const fixtures = SEQUENCE.map(drifted);
    const before = capture(SITE_EXTRACTORS, fixtures);
    expect(before.handledBy).toEqual([undefined, undefined, undefined]);
    expect(before.entries).toEqual([]);

    const reading = readRulePack(packText, SITE_EXTRACTORS);
    if (!reading.ok) throw new Error(JSON.stringify(reading.error));
    const after = capture(extractorsWithPacks(SITE_EXTRACTORS, [reading.apps]), fixtures);
    expect(after.handledBy).toEqual(['kling/submit (kling-v2-fix 1.0.0)', 'kling/status (kling-v2-fix 1.0.0)', 'kling/status (kling-v2-fix 1.0.0)']);
    expect(after.entries).toHaveLength(1);
    expect(after.entries[0]).toMatchObject({ id: `task:kling:${JOB}:0`, taskId: JOB, status: 'done', prompt: PROMPT, videoUrl: VIDEO, coverUrl: COVER, inputImageUrl: INPUT, source: 'site' });
  });

  it('the generating poll keeps the percent the drifted app reports', () => {
    const reading = readRulePack(packText, SITE_EXTRACTORS);
    if (!reading.ok) throw new Error('refused');
    const kling = extractorsWithPacks(SITE_EXTRACTORS, [reading.apps]).find((item) => item.name === 'kling')!;
    const fixture = drifted('status.generating');
    const endpoint = kling.endpoints.find((item) => item.name === 'status')!;
    expect(kling.extract(JSON.parse(responseText(fixture)), requestOf(fixture), endpoint)).toEqual([
      { taskId: JOB, status: 'generating', percent: 40, prompt: PROMPT, inputImages: [INPUT], videos: [] },
    ]);
  });

  it('an override keeps the built-in endpoints it does not replace; the recorded Kling calls are still read', () => {
    const reading = readRulePack(pack([{ name: 'kling', endpoints: [{ name: 'status', method: 'GET', path: '/api/v{n}/task/status', read: { extractor: 'kling' } }] }]), SITE_EXTRACTORS);
    if (!reading.ok) throw new Error('refused');
    const extractors = extractorsWithPacks(SITE_EXTRACTORS, [reading.apps]);
    expect(findSiteEndpoint('app.klingai.com', 'GET', 'https://app.klingai.com/api/v3/task/status?taskId=1', extractors)?.endpoint.rule).toBe('test-pack 1.0.0');
    expect(findSiteEndpoint('app.klingai.com', 'GET', 'https://app.klingai.com/api/task/status?taskId=1', extractors)).toBeUndefined();
    expect(findSiteEndpoint('app.klingai.com', 'POST', 'https://app.klingai.com/api/task/submit', extractors)?.endpoint.rule).toBe('built-in rule');
    // Pointing at the built-in extractor: its own parse reads the moved path.
    const kling = extractors.find((item) => item.name === 'kling')!;
    const endpoint = kling.endpoints.find((item) => item.name === 'status')!;
    const done = JSON.parse(readFileSync('test/fixtures/sites/kling/status.done.json', 'utf8')) as SiteFixture;
    expect(kling.extract(done.response.body, requestOf(done), endpoint)?.[0]).toMatchObject({ status: 'done', prompt: PROMPT });
  });

  it('adds an app; an endpoint pointing at the generic reader compiles to generic: true', () => {
    const reading = readRulePack(pack([app({ mediaHosts: ['cdn.example.net'] }, { read: { generic: true } })]), SITE_EXTRACTORS);
    if (!reading.ok) throw new Error(JSON.stringify(reading.error));
    expect(reading.apps[0]).toMatchObject({ name: 'new-app', overrides: false, hosts: ['videos.example.com'] });
    const extractors = extractorsWithPacks(SITE_EXTRACTORS, [reading.apps]);
    const match = findSiteEndpoint('www.videos.example.com', 'GET', 'https://api.videos.example.com/api/tasks/9', extractors);
    expect(match?.endpoint).toMatchObject({ name: 'task', generic: true, rule: 'test-pack 1.0.0' });
    expect(match?.extractor.mediaHosts).toEqual(['cdn.example.net']);
    expect(match?.extractor.extract({ id: 1 }, { method: 'GET', url: new URL('https://x.example.com/') }, match.endpoint)).toBeUndefined();
  });

  it.each([
    ['not JSON', '{ "format": ', 'not-json'],
    ['oversized', JSON.stringify({ pad: 'x'.repeat(MAX_PACK_BYTES) }), 'too-large'],
    ['wrong format', pack([app()], { format: 'other/1' }), 'schema'],
    ['no apps', pack([]), 'schema'],
    ['an unknown field', pack([app({ script: 'alert(1)' })]), 'schema'],
    ['a method that is not one', pack([app({}, { method: 'EVAL' })]), 'schema'],
    ['host *', pack([app({ hosts: ['*'] })]), 'host'],
    ['a wildcard host', pack([app({ hosts: ['*.example.com'] })]), 'host'],
    ['a bare TLD', pack([app({ hosts: ['com'] })]), 'host'],
    ['a public suffix', pack([app({ hosts: ['co.uk'] })]), 'host'],
    ['an IP address', pack([app({ hosts: ['127.0.0.1'] })]), 'host'],
    ['an IP range', pack([app({ hosts: ['10.0.0.0/8'] })]), 'host'],
    ['a media host *', pack([app({ mediaHosts: ['*'] })]), 'host'],
    ['a new app on a built-in app’s host', pack([app({ hosts: ['klingai.com'] })]), 'host'],
    ['a javascript: template', pack([app({}, { read: { map: { tasks: 'data', id: 'id', videos: { each: '', url: { path: 'k', template: 'javascript:fetch("{value}")' } } } } })]), 'unsafe-template'],
    ['a data: template', pack([app({}, { read: { map: { tasks: 'data', id: 'id', videos: { each: '', url: { path: 'k', template: 'data:text/html,{value}' } } } } })]), 'unsafe-template'],
    ['a regular expression as path', pack([app({}, { path: '^/api/(a+)+$' })]), 'unsafe-path'],
    ['an unknown built-in extractor', pack([app({}, { read: { extractor: 'nope' } })]), 'unknown-extractor'],
    ['hosts on an override of a built-in app', pack([{ name: 'kling', hosts: ['evil.example.com'], endpoints: [{ name: 'status', method: 'GET', path: '/x/task', read: { extractor: 'kling' } }] }]), 'schema'],
  ])('refuses a pack with %s, with a reason', (_label, text, type) => {
    const error = refused(readRulePack(text, SITE_EXTRACTORS));
    expect(error?.type).toBe(type);
    expect(error?.detail).toMatch(/\S/);
  });

  it('the pack file in the fixtures is itself valid, and a pack is at most 256 KiB', () => {
    expect(readRulePack(packText, SITE_EXTRACTORS).ok).toBe(true);
    expect(MAX_PACK_BYTES).toBe(256 * 1024);
  });
});
