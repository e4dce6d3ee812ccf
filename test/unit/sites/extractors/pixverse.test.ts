import { describe, expect, it } from 'vitest';
import { pixverse } from '@/src/sites/extractors/pixverse';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { tasksOf } from './site-fixtures';

const M = 'https://media.pixverse.ai';
const A = '352841907763712';
const B = '352841433051136';
const C = '352790112804864';
const PROMPT_A = 'The astronaut in the photo waves, then lifts off slowly into a starry sky';
const PROMPT_B = 'A koi pond in autumn, maple leaves falling on the water, gentle ripples';
const INPUT = `${M}/upload/5f3c9a1e-8b2d-4e7f-a6c1-0d9e8f7a6b5c.jpg`;
const doneB = {
  taskId: B,
  status: 'done',
  prompt: PROMPT_B,
  inputImages: [],
  videos: [
    {
      url: `${M}/pixverse/mp4/media/web/ori/9c1d4e2f-7a3b-4c8d-b5e6-2f1a0c9d8e7b_seed418227.mp4`,
      cover: `${M}/pixverse/jpg/media/web/ori/9c1d4e2f-7a3b-4c8d-b5e6-2f1a0c9d8e7b_seed418227.jpg`,
      durationMs: 5000,
    },
  ],
};
const moderatedC = {
  taskId: C,
  status: 'failed',
  failure: 'moderated',
  prompt: 'A boxer knocks out a famous celebrity in the ring',
  inputImages: [],
  videos: [],
};

function endpoint(name: string): SiteEndpoint {
  const found = pixverse.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const list: SiteRequest = { method: 'POST', url: new URL('https://app-api.pixverse.ai/creative_platform/video/list/personal') };
const ok = (data: unknown[]) => ({ ErrCode: 0, ErrMsg: 'success', Resp: { data } });

describe('pixverse extractor, on the recorded calls', () => {
  it('create: the video_id, with prompt and customer_img_url from the request body', () => {
    expect(tasksOf(pixverse, 'create.t2v')).toEqual([{ taskId: B, status: 'generating', prompt: PROMPT_B, inputImages: [], videos: [] }]);
    expect(tasksOf(pixverse, 'create.i2v')).toEqual([{ taskId: A, status: 'generating', prompt: PROMPT_A, inputImages: [INPUT], videos: [] }]);
  });

  it('the personal list: 5 generating; 1 done with url, first_frame the cover; a moderated (7) video failed, its video_path not taken', () => {
    expect(tasksOf(pixverse, 'personal.generating')).toEqual([
      { taskId: A, status: 'generating', prompt: PROMPT_A, inputImages: [INPUT], videos: [] },
      doneB,
      moderatedC,
    ]);
    expect(tasksOf(pixverse, 'personal.done')).toEqual([
      {
        taskId: A,
        status: 'done',
        prompt: PROMPT_A,
        inputImages: [INPUT],
        videos: [
          {
            url: `${M}/pixverse/mp4/media/web/ori/0a6f2e7c-3d41-4b9a-8e52-71c9d0b4f3a8_seed771205.mp4`,
            cover: `${M}/pixverse/jpg/media/web/ori/0a6f2e7c-3d41-4b9a-8e52-71c9d0b4f3a8_seed771205.jpg`,
            durationMs: 5000,
          },
        ],
      },
      doneB,
      moderatedC,
    ]);
  });
});

describe('pixverse extractor, edge cases', () => {
  it('is routed from app.pixverse.ai to the API host; community lists and the OpenAPI are not claimed', () => {
    expect(findSiteEndpoint('app.pixverse.ai', 'POST', 'https://app-api.pixverse.ai/creative_platform/video/i2v')?.endpoint.name).toBe('create');
    for (const path of ['/creative_platform/showvideos', '/creative_platform/content/relation/list', '/openapi/v2/video/result/1']) {
      expect(findSiteEndpoint('app.pixverse.ai', 'POST', `https://app-api.pixverse.ai${path}`)).toBeUndefined();
      expect(findSiteEndpoint('app.pixverse.ai', 'GET', `https://app-api.pixverse.ai${path}`)).toBeUndefined();
    }
  });

  it('a done video with an empty url but a video_path is on media.pixverse.ai; a path leaving that host is refused', () => {
    const item = { video_id: 1, video_status: 1, url: '', video_path: 'pixverse/mp4/media/web/ori/x_seed1.mp4', first_frame: '' };
    expect(pixverse.extract(ok([item]), list, endpoint('personal'))).toEqual([
      { taskId: '1', status: 'done', inputImages: [], videos: [{ url: `${M}/pixverse/mp4/media/web/ori/x_seed1.mp4` }] },
    ]);
    for (const video_path of ['//evil.example/x.mp4', '\\\\evil.example\\x.mp4', 'javascript:alert(1)', 'https://evil.example/x.mp4']) {
      expect(pixverse.extract(ok([{ ...item, video_path }]), list, endpoint('personal'))?.[0]?.videos).toEqual([]);
    }
  });

  it('an extended video’s input is the previous video’s last frame; failed 8/9 say so', () => {
    const lastFrame = `${M}/pixverse/jpg/media/web/last_frame/prev.jpg`;
    const extended = {
      video_id: 2,
      video_status: 1,
      extended: 1,
      url: `${M}/pixverse/mp4/media/web/ori/ext.mp4`,
      first_frame: `${M}/pixverse/jpg/media/web/ori/ext.jpg`,
      customer_paths: { customer_img_url: '', customer_video_last_frame_url: lastFrame },
    };
    const failed = { video_id: 3, video_status: 8 };
    expect(pixverse.extract(ok([extended, failed]), list, endpoint('personal'))).toEqual([
      {
        taskId: '2',
        status: 'done',
        inputImages: [lastFrame],
        videos: [{ url: `${M}/pixverse/mp4/media/web/ori/ext.mp4`, cover: `${M}/pixverse/jpg/media/web/ori/ext.jpg` }],
      },
      { taskId: '3', status: 'failed', failure: 'generation failed', inputImages: [], videos: [] },
    ]);
  });

  it('an error envelope reports nothing (a create refused by moderation has no video id); other shapes are unknown', () => {
    const create: SiteRequest = { method: 'POST', url: new URL('https://app-api.pixverse.ai/creative_platform/video/i2v'), body: '{"prompt":"x"}' };
    expect(pixverse.extract({ ErrCode: 400101, ErrMsg: 'content moderation', Resp: null }, create, endpoint('create'))).toEqual([]);
    expect(pixverse.extract({ ErrCode: 10005, ErrMsg: 'session expired' }, list, endpoint('personal'))).toEqual([]);
    expect(pixverse.extract({ ErrCode: 0, Resp: { list: [] } }, list, endpoint('personal'))).toBeUndefined();
    expect(pixverse.extract({ code: 0, data: [] }, list, endpoint('personal'))).toBeUndefined();
  });
});
