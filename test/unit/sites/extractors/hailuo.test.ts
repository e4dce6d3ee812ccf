import { describe, expect, it } from 'vitest';
import { hailuo } from '@/src/sites/extractors/hailuo';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { tasksOf } from './site-fixtures';

const CDN = 'https://cdn.hailuoai.video/prod';
const A = '358412990137716737';
const B = '304988292041920515';
const PROMPT_A = 'A paper boat drifts down a rainy city gutter, macro shot, neon reflections';
const PROMPT_B = 'A hummingbird hovers over a red hibiscus, slow motion';
const INPUT_A = `${CDN}/2026-12-06-19/user/multi_chat_file/1733512345678-b9e7c2d4a1f04e8d.png`;
const INPUT_B = `${CDN}/2026-12-06-18/user/multi_chat_file/1733508000000-5c1f0aa3e2b74d19.jpg`;
const NO_WATERMARK_A = `${CDN}/2026-12-06-19/video/1733512400123-${A}-nowm.mp4?auth_key=1796666400-0-0-7f3e1c2b9a8d4e5f`;

function endpoint(name: string): SiteEndpoint {
  const found = hailuo.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const ok = (data: unknown) => ({ statusInfo: { code: 0, message: 'Success' }, data });
const poll: SiteRequest = { method: 'GET', url: new URL('https://hailuoai.video/api/multimodal/video/processing?idList=1') };

describe('hailuo extractor, on the recorded calls', () => {
  it('new create: the video id of `task.videoIDs`, prompt and input image from the request’s `parameter`', () => {
    expect(tasksOf(hailuo, 'generate.v2')).toEqual([{ taskId: A, status: 'generating', prompt: PROMPT_A, inputImages: [INPUT_A], videos: [] }]);
  });

  it('old create: the `id`, the prompt from `desc`; its fileList has upload ids only, no image URL', () => {
    expect(tasksOf(hailuo, 'generate.v1')).toEqual([{ taskId: B, status: 'generating', prompt: PROMPT_B, inputImages: [], videos: [] }]);
  });

  it('the own-creations processing feed: generating with the percent', () => {
    expect(tasksOf(hailuo, 'feed-processing')).toEqual([
      { taskId: A, status: 'generating', percent: 42, prompt: PROMPT_A, inputImages: [INPUT_A], videos: [] },
    ]);
  });

  it('the v4 poll: an asset done, its downloadURL the video', () => {
    expect(tasksOf(hailuo, 'processing-v4')).toEqual([{ taskId: A, status: 'done', inputImages: [], videos: [{ url: NO_WATERMARK_A }] }]);
  });

  it('the old poll: status 1 generating with percent, then status 2 done; originFiles are input images, never the video', () => {
    expect(tasksOf(hailuo, 'processing.generating')).toEqual([
      { taskId: B, status: 'generating', percent: 37, prompt: PROMPT_B, inputImages: [INPUT_B], videos: [] },
    ]);
    expect(tasksOf(hailuo, 'processing.done')).toEqual([
      {
        taskId: B,
        status: 'done',
        prompt: PROMPT_B,
        inputImages: [INPUT_B],
        videos: [
          {
            url: `${CDN}/2026-12-06-18/video/1733508100456-${B}-download.mp4?auth_key=1796662800-0-0-9c8b7a6f5e4d3c2b`,
            cover: `${CDN}/2026-12-06-18/video_cover/1733508100456-${B}.jpg`,
            width: 1280,
            height: 720,
            alternates: [`${CDN}/2026-12-06-18/video/1733508100456-${B}.mp4`],
          },
        ],
      },
    ]);
  });

  it('the creation feed: withoutWatermarkURL first, the player file and the watermarked one alternates; ≥ 90 failed; images skipped', () => {
    const [done, failed, ...rest] = tasksOf(hailuo, 'feed-batch');
    expect(done).toEqual({
      taskId: A,
      status: 'done',
      prompt: PROMPT_A,
      inputImages: [INPUT_A],
      videos: [
        {
          url: NO_WATERMARK_A,
          cover: `${CDN}/2026-12-06-19/video_cover/1733512400123-${A}.jpg`,
          width: 1366,
          height: 768,
          durationMs: 6000,
          alternates: [
            `${CDN}/2026-12-06-19/video/1733512400123-${A}.mp4`,
            `${CDN}/2026-12-06-19/video/1733512400123-${A}-wm.mp4?auth_key=1796666400-0-0-1a2b3c4d5e6f7a8b`,
          ],
        },
      ],
    });
    expect(failed).toEqual({
      taskId: '358401772260462599',
      status: 'failed',
      failure: 'Your content did not pass the review. Please modify it and try again.',
      prompt: "A crowd at a stadium chanting a famous singer's name",
      inputImages: [],
      videos: [],
    });
    // The image creation of the same feed is not a video.
    expect(rest).toEqual([]);
  });
});

describe('hailuo extractor, edge cases', () => {
  it('serves the CN host as well', () => {
    expect(findSiteEndpoint('hailuoai.com', 'GET', 'https://hailuoai.com/api/multimodal/video/processing?idList=1')?.endpoint.name).toBe('processing');
    expect(findSiteEndpoint('hailuoai.video', 'POST', 'https://hailuoai.video/api/feed/creation/explore/list')).toBeUndefined();
  });

  it('moderation (7) and failure (5) are failed with the site’s message, or the status name', () => {
    const moderated = { id: '1', status: 7, percent: 100, message: 'Content moderation', videoURL: '', coverURL: '' };
    const failed = { id: '2', status: 5, message: '' };
    expect(hailuo.extract(ok({ videos: [moderated, failed] }), poll, endpoint('processing'))).toEqual([
      { taskId: '1', status: 'failed', failure: 'Content moderation', inputImages: [], videos: [] },
      { taskId: '2', status: 'failed', failure: 'failed', inputImages: [], videos: [] },
    ]);
  });

  it('status 11 is queued: generating; a status-2 video without a URL is not offered', () => {
    const queued = { id: '3', status: 11, percent: 0 };
    const noUrl = { id: '4', status: 2, videoURL: 'javascript:alert(1)', coverURL: 'https://cdn.hailuoai.video/c.jpg' };
    expect(hailuo.extract(ok({ videos: [queued, noUrl] }), poll, endpoint('processing'))).toEqual([
      { taskId: '3', status: 'generating', percent: 0, inputImages: [], videos: [] },
      { taskId: '4', status: 'generating', inputImages: [], videos: [] },
    ]);
  });

  it('an error envelope reports nothing; an unknown data shape is unknown', () => {
    const notLoggedIn = { statusInfo: { code: 1004, message: 'Please log in' }, data: null };
    expect(hailuo.extract(notLoggedIn, poll, endpoint('processing'))).toEqual([]);
    expect(hailuo.extract(ok({ items: [] }), poll, endpoint('processing'))).toBeUndefined();
    expect(hailuo.extract({ data: { videos: [] } }, poll, endpoint('processing'))).toBeUndefined();
  });
});
