import { describe, expect, it } from 'vitest';
import { grok } from '@/src/sites/extractors/grok';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { extractFixture, loadSiteFixture, tasksOf } from './site-fixtures';

const U = 'f3c2a9d1-7b4e-4c1a-9e2f-5d8b6a0c4e71';
const A = 'cc40cf04-9a1b-4e7d-8c2f-3b5a6d7e8f90';
const B = '8b91e4a2-3c5d-4f6e-a7b8-c9d0e1f2a3b4';
const C = '2f7a9c3e-1b5d-4e8f-9a0b-c1d2e3f4a5b6';
const D = 'd4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70';
const E = 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b';
const P = '5e2d7c61-0f3a-4b8e-9d14-a6c7b2e19f03';
const ASSETS = `https://assets.grok.com/users/${U}/generated`;
const PROMPT_A = 'A paper boat drifts down a rain-soaked street at dusk, neon reflections rippling';
const SOURCE_IMAGE = `${ASSETS}/${P}/image.jpg`;

function endpoint(name: string): SiteEndpoint {
  const found = grok.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const streamRequest = (body: unknown): SiteRequest => ({
  method: 'POST',
  url: new URL('https://grok.com/rest/app-chat/conversations/new'),
  body: JSON.stringify(body),
});
const frame = (fields: Record<string, unknown>) => ({ result: { response: { streamingVideoGenerationResponse: { videoPostId: 'p1', ...fields } } } });

describe('grok extractor, on the recorded calls', () => {
  it('the stream: progress frames are generating with the percent, the 100 frame is done with the relative videoUrl resolved on assets.grok.com; the prompt is the request’s, without the mode flag', () => {
    const results = extractFixture(grok, endpoint('conversation'), loadSiteFixture('grok', 'conversation'));
    // The conversation, the user's turn, the model's empty answer and the final metadata report nothing.
    expect(results.map((tasks) => tasks?.map((task) => `${task.status} ${task.percent ?? ''}`.trim()))).toEqual([
      [],
      [],
      ['generating 1'],
      ['generating 24'],
      ['generating 61'],
      ['done'],
      [],
      [],
    ]);
    expect(results[5]).toEqual([
      {
        taskId: A,
        status: 'done',
        prompt: PROMPT_A,
        model: 'imagine-video-gen',
        inputImages: [],
        videos: [{ url: `${ASSETS}/${A}/generated_video.mp4`, cover: `${ASSETS}/${A}/preview_image.jpg`, width: 784, height: 1168 }],
      },
    ]);
  });

  it('the stream behind `data:` lines: a moderated video fails and has no URL; the source image is an input', () => {
    const tasks = tasksOf(grok, 'conversation.moderated');
    expect(tasks.at(-1)).toEqual({
      taskId: E,
      status: 'failed',
      failure: 'moderated',
      prompt: 'She takes off her jacket and dances on the table',
      model: 'imagine-video-gen',
      inputImages: [`https://imagine-public.x.ai/imagine-public/images/7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d.png`],
      videos: [],
    });
  });

  it('the post list: a text-to-video post is a video; an image post never is, its children are, with the picture as their input', () => {
    const tasks = tasksOf(grok, 'post-list');
    expect(tasks.map((task) => `${task.taskId} ${task.status}`)).toEqual([`${A} done`, `${B} done`, `${D} generating`, `${C} failed`]);
    expect(tasks.some((task) => task.taskId === P)).toBe(false);
    const b = tasks.find((task) => task.taskId === B)!;
    expect(b.inputImages).toEqual([SOURCE_IMAGE]);
    expect(b.videos).toEqual([
      {
        url: `${ASSETS}/${B}/generated_video_hd.mp4`,
        cover: `https://imagine-public.x.ai/imagine-public/images/${B}.png`,
        width: 1280,
        height: 720,
        durationMs: 6000,
        alternates: [`${ASSETS}/${B}/generated_video.mp4`],
      },
    ]);
    // The stored prompt drops the page's mode flag (`originalPrompt` carries it here).
    expect(tasks[0]?.prompt).toBe(PROMPT_A);
  });

  it('one post’s tree: the extension of a video is a task of its own once it has its URL', () => {
    const d = tasksOf(grok, 'post-get').find((task) => task.taskId === D);
    expect(d).toMatchObject({ status: 'done', prompt: 'The fox trots away into the trees', videos: [{ url: `${ASSETS}/${D}/generated_video.mp4`, durationMs: 12000 }] });
    expect(d?.inputImages).toContain(SOURCE_IMAGE);
  });

  it('the assets library: generated videos only, the task being the post its storage path names; pictures, stock assets, uploads and deleted rows are left out', () => {
    expect(tasksOf(grok, 'assets')).toEqual([
      {
        taskId: A,
        status: 'done',
        prompt: PROMPT_A,
        model: 'imagine-video-gen',
        inputImages: [],
        videos: [{ url: `${ASSETS}/${A}/generated_video.mp4`, width: 784, height: 1168 }],
      },
      {
        taskId: B,
        status: 'done',
        prompt: 'The fox turns its head toward the camera as snow starts to fall',
        model: 'imagine-video-gen',
        inputImages: [],
        videos: [{ url: `${ASSETS}/${B}/generated_video.mp4`, width: 1280, height: 720 }],
      },
    ]);
  });
});

describe('grok extractor, edge cases', () => {
  const conversation = endpoint('conversation');

  it('is routed on grok.com and its subdomains; other Grok calls are not claimed', () => {
    expect(findSiteEndpoint('grok.com', 'POST', 'https://grok.com/rest/app-chat/conversations/new')?.endpoint.name).toBe('conversation');
    expect(findSiteEndpoint('www.grok.com', 'GET', 'https://grok.com/rest/assets?pageSize=60')?.endpoint.name).toBe('assets');
    expect(findSiteEndpoint('grok.com', 'POST', 'https://grok.com/rest/media/post/create')).toBeUndefined();
    expect(findSiteEndpoint('grok.com', 'GET', 'https://grok.com/rest/app-chat/conversations')).toBeUndefined();
  });

  it('a frame at 100 without a URL, or with one that would leave the media origin, is not done', () => {
    const request = streamRequest({ message: 'x' });
    expect(grok.extract(frame({ progress: 100 }), request, conversation)).toEqual([{ taskId: 'p1', status: 'generating', percent: 100, prompt: 'x', inputImages: [], videos: [] }]);
    for (const videoUrl of ['//evil.example/v.mp4', 'javascript:alert(1)']) {
      expect(grok.extract(frame({ progress: 100, videoUrl }), request, conversation)?.[0]?.status).toBe('generating');
    }
    // A URL before 100 is not trusted to be the finished video.
    expect(grok.extract(frame({ progress: 50, videoUrl: 'users/u/generated/p1/generated_video.mp4' }), request, conversation)?.[0]?.status).toBe('generating');
  });

  it('the prompt: the one-of branch of mediaGenInput first, else the message without its mode flag, else the echoed videoPrompt', () => {
    const done = frame({ progress: 1 });
    expect(grok.extract(done, streamRequest({ message: 'ignored --mode=normal', mediaGenInput: { imageToVideo: { prompt: 'from the one-of' } } }), conversation)?.[0]?.prompt).toBe('from the one-of');
    expect(grok.extract(done, streamRequest({ message: 'a cat --mode=extremely-crazy' }), conversation)?.[0]?.prompt).toBe('a cat');
    expect(grok.extract(done, streamRequest({ message: 'use --mode=custom in a sentence' }), conversation)?.[0]?.prompt).toBe('use --mode=custom in a sentence');
    expect(grok.extract(frame({ progress: 1, videoPrompt: 'expanded' }), streamRequest({}), conversation)?.[0]?.prompt).toBe('expanded');
  });

  it('an image stream frame reports nothing; a line that is not `{result}` is unknown', () => {
    const image = { result: { response: { streamingImageGenerationResponse: { imageIndex: 0, progress: 100, imageUrl: 'users/u/generated/i/image.jpg' } } } };
    expect(grok.extract(image, streamRequest({}), conversation)).toEqual([]);
    expect(grok.extract({ error: { code: 7 } }, streamRequest({}), conversation)).toBeUndefined();
  });

  it('an asset row with a full URL key and no post in its path is keyed by its asset id', () => {
    const assets = { assets: [{ assetId: 'as1', mimeType: 'video/mp4', key: 'https://assets.grok.com/x/y.mp4', mediaGenInput: { videoExtension: { prompt: 'longer' } } }] };
    const request: SiteRequest = { method: 'GET', url: new URL('https://grok.com/rest/assets') };
    expect(grok.extract(assets, request, endpoint('assets'))).toEqual([
      { taskId: 'as1', status: 'done', prompt: 'longer', inputImages: [], videos: [{ url: 'https://assets.grok.com/x/y.mp4' }] },
    ]);
  });

  it('unknown shapes are unknown', () => {
    const request: SiteRequest = { method: 'POST', url: new URL('https://grok.com/rest/media/post/list') };
    expect(grok.extract({ items: [] }, request, endpoint('post-list'))).toBeUndefined();
    expect(grok.extract({ posts: [] }, request, endpoint('post-list'))).toEqual([]);
    expect(grok.extract({}, request, endpoint('post-get'))).toBeUndefined();
    expect(grok.extract({ data: [] }, request, endpoint('assets'))).toBeUndefined();
  });
});
