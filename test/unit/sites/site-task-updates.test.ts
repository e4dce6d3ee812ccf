import { describe, expect, it } from 'vitest';
import { siteTaskEntryId, siteTaskUpdates } from '@/src/sites/site-task-updates';
import type { SiteTask } from '@/src/sites/extractors';

const source = { extractor: 'fake-app', site: 'https://videos.example.test', pageUrl: 'https://videos.example.test/create', endpointUrl: 'https://videos.example.test/api/task/t1' };
const task = (fields: Partial<SiteTask>): SiteTask => ({ taskId: 't1', status: 'generating', inputImages: [], videos: [], ...fields });

describe('siteTaskUpdates', () => {
  it('makes one generating entry at index 0 with the percent, prompt and input image, marked as from the site', () => {
    expect(siteTaskUpdates(task({ percent: 42.4, prompt: ' 一只猫 ', inputImages: ['https://cdn.example.test/in.png'] }), source)).toEqual([
      {
        id: 'task:fake-app:t1:0',
        index: 0,
        status: 'generating',
        percent: 42,
        prompt: '一只猫',
        taskId: 't1',
        inputImageUrl: 'https://cdn.example.test/in.png',
        source: 'site',
        site: source.site,
        pageUrl: source.pageUrl,
        endpointUrl: source.endpointUrl,
      },
    ]);
  });

  it('bounds the percent to 0–100', () => {
    expect(siteTaskUpdates(task({ percent: 250 }), source)[0]?.percent).toBe(100);
    expect(siteTaskUpdates(task({ percent: -3 }), source)[0]?.percent).toBe(0);
    expect(siteTaskUpdates(task({ percent: Number.NaN }), source)[0]).not.toHaveProperty('percent');
  });

  it('makes a done entry per video, with cover, size, expiry and alternates, under the same id as the generating one', () => {
    const updates = siteTaskUpdates(
      task({
        status: 'done',
        videos: [
          { url: 'https://cdn.example.test/a.mp4?x-expires=1900000000', cover: 'https://cdn.example.test/a.jpg', width: 1280, height: 720, durationMs: 5042, alternates: ['https://cdn.example.test/a_wm.mp4', 'https://cdn.example.test/a.mp4?x-expires=1900000000', 'javascript:alert(1)'] },
          { url: 'https://cdn.example.test/b.mp4' },
        ],
      }),
      source,
    );
    expect(updates.map((update) => update.id)).toEqual([siteTaskEntryId('fake-app', 't1', 0), siteTaskEntryId('fake-app', 't1', 1)]);
    expect(updates[0]).toMatchObject({
      status: 'done',
      videoUrl: 'https://cdn.example.test/a.mp4?x-expires=1900000000',
      videoKey: 'https://cdn.example.test/a.mp4',
      expiresAt: 1_900_000_000_000,
      coverUrl: 'https://cdn.example.test/a.jpg',
      width: 1280,
      height: 720,
      durationMs: 5042,
      alternates: ['https://cdn.example.test/a_wm.mp4'],
    });
    expect(updates[1]).not.toHaveProperty('alternates');
  });

  it('never keeps an input image as the video or the cover, nor a URL that is not http(s)', () => {
    const input = 'https://cdn.example.test/first-frame.png';
    const updates = siteTaskUpdates(
      task({
        status: 'done',
        inputImages: [input, 'data:image/png;base64,AAAA'],
        videos: [{ url: input }, { url: 'blob:https://videos.example.test/1' }, { url: 'https://cdn.example.test/v.mp4', cover: input }],
      }),
      source,
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ videoUrl: 'https://cdn.example.test/v.mp4', inputImageUrl: input, index: 0 });
    expect(updates[0]).not.toHaveProperty('coverUrl');
  });

  it("fails a task with the site's words, bounded, and a done task without a video as no result", () => {
    const failed = siteTaskUpdates(task({ status: 'failed', failure: 'x'.repeat(900) }), source)[0];
    expect(failed).toMatchObject({ status: 'failed', failureReason: 'no-result' });
    expect(failed?.failureMessage).toHaveLength(500);
    expect(siteTaskUpdates(task({ status: 'done' }), source)[0]).toMatchObject({ status: 'failed', failureReason: 'no-result' });
  });
});
