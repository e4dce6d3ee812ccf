import { describe, expect, it } from 'vitest';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { kling } from '@/src/sites/extractors/kling';
import { tasksOf } from './site-fixtures';

const TASK = '306329708257035';
const PROMPT = '女孩在海边回头微笑，海风吹起头发，电影感';
const INPUT = 'https://p1-fdl.klingai.com/bs2/upload-ylab-stunt/ai_portal/1765053012345/9c1e3a5b7d.jpg?x-kcdn-pid=112452';
const VIDEO = 'https://v1-fdl.kechuangai.com/bs2/upload-ylab-stunt/kling/video/306329708257035/0b7d9f1a3c5e4a6c8e0b2d4f6a8c1e3b-1.mp4?x-kcdn-pid=112452';
const COVER = 'https://p1-fdl.klingai.com/bs2/upload-ylab-stunt/kling/cover/306329708257035/0b7d9f1a3c5e4a6c8e0b2d4f6a8c1e3b-1.jpg?x-kcdn-pid=112452';

function endpoint(name: string): SiteEndpoint {
  const found = kling.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(`no endpoint ${name}`);
  return found;
}

const statusRequest: SiteRequest = { method: 'GET', url: new URL(`https://app.klingai.com/api/task/status?taskId=${TASK}`) };
const envelope = (data: unknown) => ({ status: 200, result: 1, message: '', data });

describe('kling recorded calls', () => {
  it('submit: the task id, the prompt from the request’s arguments and the input image from its inputs', () => {
    expect(tasksOf(kling, 'submit')).toEqual([{ taskId: TASK, status: 'generating', prompt: PROMPT, inputImages: [INPUT], videos: [] }]);
  });

  it('status 10 without works: generating', () => {
    expect(tasksOf(kling, 'status.generating')).toEqual([{ taskId: TASK, status: 'generating', prompt: PROMPT, inputImages: [INPUT], videos: [] }]);
  });

  it('status 99 with a video work: resource.resource is the video, cover.resource its still, size and length in ms; the avatar and input are not taken', () => {
    expect(tasksOf(kling, 'status.done')).toEqual([
      { taskId: TASK, status: 'done', prompt: PROMPT, inputImages: [INPUT], videos: [{ url: VIDEO, cover: COVER, width: 1280, height: 720, durationMs: 5100 }] },
    ]);
  });

  it('a final status (≥ 90) without works: failed with the site’s message', () => {
    expect(tasksOf(kling, 'status.failed')).toEqual([
      { taskId: '306331285410211', status: 'failed', failure: '生成失败，灵感值已返还', prompt: '赛博朋克城市上空的飞船缓缓降落', inputImages: [], videos: [] },
    ]);
  });

  it('a submission refused at once (status 7): failed with its message', () => {
    expect(tasksOf(kling, 'submit.rejected')).toEqual([
      { taskId: '306331902277364', status: 'failed', failure: '提示词中包含不合规内容，请修改后重试', prompt: '（含敏感词的提示）', inputImages: [], videos: [] },
    ]);
  });
});

describe('kling edge cases', () => {
  const status = endpoint('status');
  const work = (extra: Record<string, unknown> = {}) => ({ resource: { resource: VIDEO }, cover: { resource: COVER }, ...extra });

  it('serves klingai.com and its app subdomain as well as klingai.kuaishou.com', () => {
    expect(findSiteEndpoint('app.klingai.com', 'GET', statusRequest.url.href)?.endpoint.name).toBe('status');
    expect(findSiteEndpoint('klingai.kuaishou.com', 'POST', 'https://klingai.kuaishou.com/api/task/submit')?.endpoint.name).toBe('submit');
    expect(findSiteEndpoint('klingai.com.evil.example', 'GET', statusRequest.url.href)).toBeUndefined();
  });

  it('works decide done whatever the final code (5, 50, 98, 99 are all read as success by some client)', () => {
    for (const code of [5, 50, 98, 99]) {
      expect(kling.extract(envelope({ status: code, task: { id: Number(TASK) }, works: [work()] }), statusRequest, status)?.[0]?.status).toBe('done');
    }
  });

  it('takes the task id from the query when the answer has no task echo', () => {
    expect(kling.extract(envelope({ status: 10, works: [] }), statusRequest, status)).toEqual([
      { taskId: TASK, status: 'generating', prompt: undefined, inputImages: [], videos: [] },
    ]);
  });

  it('an image task, or an image work, is not a video', () => {
    expect(kling.extract(envelope({ status: 99, task: { id: 1, type: 'mmu_txt2img_aiweb' }, works: [work()] }), statusRequest, status)).toEqual([]);
    const picture = work({ contentType: 'image', resource: { resource: COVER } });
    expect(kling.extract(envelope({ status: 99, task: { id: 1 }, works: [picture] }), statusRequest, status)?.[0]).toMatchObject({ status: 'failed', videos: [] });
    const unlabelled = { resource: { resource: INPUT } };
    expect(kling.extract(envelope({ status: 10, task: { id: 1 }, works: [unlabelled] }), statusRequest, status)?.[0]?.videos).toEqual([]);
  });

  it('an error envelope reports nothing; an unknown shape is undefined', () => {
    expect(kling.extract({ status: 401, result: 0, message: '未登录', data: null }, statusRequest, status)).toEqual([]);
    expect(kling.extract({ code: 0, data: { works: [] } }, statusRequest, status)).toBeUndefined();
    expect(kling.extract(envelope({ works: [work()] }), statusRequest, status)).toBeUndefined();
  });

  it('refuses links that are not http(s)', () => {
    const bad = { resource: { resource: 'javascript:alert(1)' }, contentType: 'video' };
    expect(kling.extract(envelope({ status: 99, task: { id: 1 }, works: [bad] }), statusRequest, status)?.[0]).toMatchObject({ status: 'failed', videos: [] });
  });
});
