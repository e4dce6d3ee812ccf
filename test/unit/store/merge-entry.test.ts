import { describe, expect, it } from 'vitest';
import { mergeEntry, type EntryUpdate } from '../../../src/store/merge-entry';

const base: EntryUpdate = { id: 'task:kling:1:0', status: 'generating', site: 'https://klingai.com', pageUrl: 'https://klingai.com/', endpointUrl: 'https://klingai.com/api/task/status', index: 0, source: 'site' };

describe('mergeEntry: what video apps report', () => {
  it('keeps the highest percent while generating and drops it once done', () => {
    let entry = mergeEntry(undefined, { ...base, percent: 40 }, 1);
    expect(entry.percent).toBe(40);
    entry = mergeEntry(entry, { ...base, percent: 20 }, 2);
    expect(entry.percent).toBe(40);
    entry = mergeEntry(entry, { ...base, status: 'done', videoUrl: 'https://cdn.test/v.mp4', width: 1280, height: 720, durationMs: 5000, alternates: ['https://cdn.test/v_wm.mp4'] }, 3);
    expect(entry).toMatchObject({ status: 'done', width: 1280, height: 720, durationMs: 5000, alternates: ['https://cdn.test/v_wm.mp4'], source: 'site' });
    expect(entry).not.toHaveProperty('percent');
  });

  it("keeps the site's first words of a failure, and drops them when a later report brings the video", () => {
    let entry = mergeEntry(undefined, { ...base, status: 'failed', failureReason: 'no-result', failureMessage: 'moderated' }, 1);
    entry = mergeEntry(entry, { ...base, status: 'failed', failureReason: 'no-result', failureMessage: 'other words' }, 2);
    expect(entry).toMatchObject({ status: 'failed', failureMessage: 'moderated' });
    entry = mergeEntry(entry, { ...base, status: 'done', videoUrl: 'https://cdn.test/v.mp4' }, 3);
    expect(entry.status).toBe('done');
    expect(entry).not.toHaveProperty('failureMessage');
    expect(entry).not.toHaveProperty('failureReason');
  });

  it('keeps the first source: a stream capture seen again from a page scan stays a stream capture', () => {
    const entry = mergeEntry(mergeEntry(undefined, { ...base, source: 'stream' }, 1), { ...base, source: 'found-on-page' }, 2);
    expect(entry.source).toBe('stream');
  });

  it('takes the site’s clean copy in place of another stored link, keeping that one as an alternate; nothing else displaces it', () => {
    const done = { ...base, status: 'done' as const };
    let entry = mergeEntry(undefined, { ...done, videoUrl: 'https://cdn.test/v_wm.mp4', coverUrl: 'https://cdn.test/c.jpg', alternates: ['https://cdn.test/v_wm_play.mp4'] }, 1);
    entry = mergeEntry(entry, { ...done, videoUrl: 'https://cdn.test/v_1080.mp4', replacesLink: true, alternates: ['https://cdn.test/v_720.mp4'], width: 1920 }, 2);
    expect(entry).toMatchObject({ videoUrl: 'https://cdn.test/v_1080.mp4', coverUrl: 'https://cdn.test/c.jpg', width: 1920, alternates: ['https://cdn.test/v_720.mp4', 'https://cdn.test/v_wm.mp4'] });
    expect(entry).not.toHaveProperty('replacesLink');
    // A later report of the watermarked link (a replayed list) neither takes its place nor rewrites its renditions.
    const again = mergeEntry(entry, { ...done, videoUrl: 'https://cdn.test/v_wm.mp4', alternates: ['https://cdn.test/v_wm_play.mp4'], width: 1280 }, 3);
    expect(again).toMatchObject({ videoUrl: 'https://cdn.test/v_1080.mp4', width: 1920, alternates: ['https://cdn.test/v_720.mp4', 'https://cdn.test/v_wm.mp4'] });
    // The clean copy seen first is simply stored.
    expect(mergeEntry(undefined, { ...done, videoUrl: 'https://cdn.test/v_1080.mp4', replacesLink: true }, 1)).not.toHaveProperty('replacesLink');
  });
});
