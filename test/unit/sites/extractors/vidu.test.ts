import { describe, expect, it } from 'vitest';
import { vidu } from '@/src/sites/extractors/vidu';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { extractFixture, loadSiteFixture, tasksOf } from './site-fixtures';

const A = '2385528561004183';
const C = '2385497120388224';
const PROMPT_A = 'The girl in the photo turns toward the camera and smiles as petals drift past';
const SIG = 'Expires=1796670000&Signature=bX9k2Qf7Zp~tR3wL0sV8aN5mC1yH4uJ6eD2gK7iO9lP-&Key-Pair-Id=K2JQ6FMVSH4LN3';
const CDN = 'https://vidu.cf.vidu.studio/vidu-maas/infer/tasks/26/1206/19';
const INPUT = `https://vidu.cf.vidu.studio/tools/files/uploads/2385527983116288/image.jpeg?${SIG}`;
const VIDEO_A = {
  url: `${CDN}/${A}/creation-01/video_nomark.mp4?${SIG}`,
  cover: `${CDN}/${A}/creation-01/cover.jpeg?${SIG}`,
  width: 1280,
  height: 720,
  durationMs: 4000,
  alternates: [`${CDN}/${A}/creation-01/video.mp4?${SIG}`],
};

function endpoint(name: string): SiteEndpoint {
  const found = vidu.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const taskRequest: SiteRequest = { method: 'GET', url: new URL(`https://service.vidu.cn/vidu/v1/tasks/${A}`) };

describe('vidu extractor, on the recorded calls', () => {
  it('create: the task, generating; the uploaded image is still an ssupload id, not a URL, so no input image yet', () => {
    expect(tasksOf(vidu, 'create')).toEqual([{ taskId: A, status: 'generating', prompt: PROMPT_A, inputImages: [], videos: [] }]);
  });

  it('the state stream: generating per event, the task from the query’s id; its success leaves the video to the task call', () => {
    const results = extractFixture(vidu, endpoint('state'), loadSiteFixture('vidu', 'state'));
    expect(results).toEqual([
      [{ taskId: A, status: 'generating', inputImages: [], videos: [] }],
      [{ taskId: A, status: 'generating', inputImages: [], videos: [] }],
      [{ taskId: A, status: 'generating', inputImages: [], videos: [] }],
      [],
    ]);
  });

  it('one task: nomark_uri is the video and uri the alternate, cover_uri the cover; the image prompt is an input image', () => {
    expect(tasksOf(vidu, 'task')).toEqual([{ taskId: A, status: 'done', prompt: PROMPT_A, inputImages: [INPUT], videos: [VIDEO_A] }]);
  });

  it('history: done, failed with err_code, and a creation without nomark_uri whose uri is the video', () => {
    expect(tasksOf(vidu, 'history')).toEqual([
      { taskId: A, status: 'done', prompt: PROMPT_A, inputImages: [INPUT], videos: [VIDEO_A] },
      {
        taskId: '2385519934106752',
        status: 'failed',
        failure: 'AuditSubmitIllegal',
        prompt: 'A famous footballer scores a goal in a packed stadium',
        inputImages: [],
        videos: [],
      },
      {
        taskId: C,
        status: 'done',
        prompt: 'A lighthouse on a cliff at night, waves crashing, lightning in the distance',
        inputImages: [],
        videos: [{ url: `${CDN}/${C}/creation-01/video.mp4?${SIG}`, cover: `${CDN}/${C}/creation-01/cover.jpeg?${SIG}`, width: 1280, height: 720, durationMs: 4000 }],
      },
    ]);
  });
});

describe('vidu extractor, edge cases', () => {
  it('is routed from every page host while the API is on service.vidu.*; the public feed is not claimed', () => {
    for (const page of ['www.vidu.com', 'vidu.cn', 'www.vidu.studio']) {
      expect(findSiteEndpoint(page, 'GET', `https://service.vidu.cn/vidu/v1/tasks/${A}`)?.endpoint.name).toBe('task');
    }
    expect(findSiteEndpoint('www.vidu.com', 'GET', 'https://service.vidu.com/vidu/v1/tasks/history/me?page_no=1')?.endpoint.name).toBe('history');
    expect(findSiteEndpoint('www.vidu.com', 'GET', 'https://service.vidu.com/vidu/v1/tasks/state?id=1')?.endpoint.name).toBe('state');
    expect(findSiteEndpoint('www.vidu.com', 'GET', 'https://service.vidu.com/vidu/v1/feed/list?pager.page_sz=20')).toBeUndefined();
  });

  it('create: when the answer has no input, the prompt comes from the request body', () => {
    const request: SiteRequest = {
      method: 'POST',
      url: new URL('https://service.vidu.com/vidu/v1/tasks'),
      body: JSON.stringify({ input: { prompts: [{ type: 'text', content: 'a cat surfing' }] }, type: 'text2video' }),
    };
    expect(vidu.extract({ id: '1', state: 'queueing' }, request, endpoint('create'))).toEqual([
      { taskId: '1', status: 'generating', prompt: 'a cat surfing', inputImages: [], videos: [] },
    ]);
  });

  it('a success without creations is not done; a creation that is not a video, or whose URL is the input image, is not offered', () => {
    const image = 'https://vidu.cf.vidu.studio/tools/files/uploads/1/image.jpeg';
    const task = {
      id: '2',
      state: 'success',
      input: { prompts: [{ type: 'image', content: image }] },
      creations: [
        { type: 'image', uri: 'https://vidu.cf.vidu.studio/x/still.png' },
        { type: 'video', uri: image },
      ],
    };
    expect(vidu.extract(task, taskRequest, endpoint('task'))).toEqual([{ taskId: '2', status: 'generating', inputImages: [image], videos: [] }]);
  });

  it('a failed state event carries err_code; a state event with creations is read as a task', () => {
    const state = endpoint('state');
    const request: SiteRequest = { method: 'GET', url: new URL('https://service.vidu.com/vidu/v1/tasks/state?id=3') };
    expect(vidu.extract({ state: 'failed', err_code: 'CreditInsufficient' }, request, state)).toEqual([
      { taskId: '3', status: 'failed', failure: 'CreditInsufficient', inputImages: [], videos: [] },
    ]);
    const finished = { state: 'success', creations: [{ uri: 'https://vidu.cf.vidu.studio/3/video.mp4' }] };
    expect(vidu.extract(finished, request, state)).toEqual([
      { taskId: '3', status: 'done', inputImages: [], videos: [{ url: 'https://vidu.cf.vidu.studio/3/video.mp4' }] },
    ]);
  });

  it('unknown shapes are unknown', () => {
    expect(vidu.extract({ code: 401, message: 'unauthorized' }, taskRequest, endpoint('task'))).toBeUndefined();
    expect(vidu.extract({ list: [] }, taskRequest, endpoint('history'))).toBeUndefined();
    expect(vidu.extract({ tasks: [] }, taskRequest, endpoint('history'))).toEqual([]);
  });
});
