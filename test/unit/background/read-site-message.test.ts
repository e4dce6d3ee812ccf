import { describe, expect, it } from 'vitest';
import { readSiteMessage, type SiteMessageReading } from '@/src/background/read-site-message';
import type { SiteEndpoint, SiteExtractor, SiteTask } from '@/src/sites/extractors';

const video = 'https://cdn.example.test/t1.mp4';
/** A response the generic reader finds one task with a video in. */
const withVideo = JSON.stringify({ data: { id: 't1', status: 'succeeded', video_url: video } });

function reading(extract: SiteExtractor['extract'], endpoint: Partial<SiteEndpoint> | 'none' = {}) {
  const issues: string[] = [];
  const kept: { ids: string[]; generic: boolean }[] = [];
  const extractor: SiteExtractor = { name: 'fake-app', hosts: ['videos.example.test'], endpoints: [], extract };
  const made: SiteMessageReading = {
    extractor,
    endpoint: endpoint === 'none' ? undefined : { name: 'task', method: 'GET', path: /^\/api\/task$/, ...endpoint },
    request: { method: 'GET', url: new URL('https://videos.example.test/api/task') },
    context: { mediaHosts: ['cdn.example.test'] },
    label: 'fake-app task',
    issue: (type, message) => issues.push(`${type}: ${message}`),
    keep: (found, generic) => kept.push({ ids: found.map((task) => task.taskId), generic }),
  };
  return { reading: made, issues, kept };
}
const task = (taskId: string, extra: Partial<SiteTask> = {}): SiteTask => ({ taskId, status: 'done', inputImages: [], videos: [], ...extra });

describe('readSiteMessage', () => {
  it('skips empty messages and [DONE], and reports a message that is not JSON', () => {
    const { reading: read, issues, kept } = reading(() => []);
    readSiteMessage('  ', read);
    readSiteMessage(' [DONE] ', read);
    expect(issues).toEqual([]);
    readSiteMessage('<html>', read);
    expect(issues).toEqual(['not-json: fake-app task: a message was not JSON: <html>']);
    expect(kept).toEqual([]);
  });

  it("keeps the extractor's tasks as its own", () => {
    const { reading: read, issues, kept } = reading(() => [task('t1', { videos: [{ url: video }] })]);
    readSiteMessage(withVideo, read);
    expect(kept).toEqual([{ ids: ['t1'], generic: false }]);
    expect(issues).toEqual([]);
  });

  it('gives an unknown shape or a throw to the generic reader, and says so', () => {
    const unknown = reading(() => undefined);
    readSiteMessage(withVideo, unknown.reading);
    expect(unknown.kept).toEqual([{ ids: ['t1'], generic: true }]);
    expect(unknown.issues).toEqual([expect.stringMatching(/^unknown-shape: fake-app task: the response has a shape .*kept 1 with the generic reader$/)]);
    const throwing = reading(() => {
      throw new Error('boom');
    });
    readSiteMessage(withVideo, throwing.reading);
    expect(throwing.issues).toEqual([expect.stringContaining('the extractor failed on this response (Error: boom)')]);
  });

  it('joins the videos the generic reader found where the extractor found none', () => {
    const { reading: read, issues, kept } = reading(() => [task('t1', { prompt: 'a cat' }), task('t2')]);
    readSiteMessage(withVideo, read);
    expect(kept).toEqual([
      { ids: ['t2'], generic: false },
      { ids: ['t1'], generic: true },
    ]);
    expect(issues).toEqual([expect.stringContaining('the extractor found no video where the generic reader found 1')]);
  });

  it('reads generic endpoints, and unmatched responses keeping only tasks with a video, by the generic reader', () => {
    const generic = reading(() => [], { generic: true });
    readSiteMessage(JSON.stringify({ data: { id: 't9', status: 'running' } }), generic.reading);
    expect(generic.kept).toEqual([{ ids: ['t9'], generic: true }]);
    const unmatched = reading(() => [], 'none');
    readSiteMessage(JSON.stringify({ data: { id: 't9', status: 'running' } }), unmatched.reading);
    readSiteMessage(withVideo, unmatched.reading);
    expect(unmatched.kept).toEqual([
      { ids: [], generic: true },
      { ids: ['t1'], generic: true },
    ]);
    expect([...generic.issues, ...unmatched.issues]).toEqual([]);
  });
});
