import { describe, expect, it } from 'vitest';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { jimeng } from '@/src/sites/extractors/jimeng';
import { loadSiteFixture, tasksOf } from './site-fixtures';

const TASK = '9481748596492';
const PROMPT = '生成一个拜年视频';
const MODEL = 'dreamina_ic_generate_video_model_vgfm_3.0';
const FIRST =
  'https://p3-dreamina-sign.byteimg.com/tos-cn-i-tb4s082cfz/409b7c2e5a1d4f3e8b6a9c0d2e4f6a8b~tplv-tb4s082cfz-resize:0:0.png?lk3s=43402efa&x-expires=1765238400&x-signature=Zx3Q9a%2BkLm2N7pR4sT6v8w0yB1c%3D&format=.png';
const END =
  'https://p26-dreamina-sign.byteimg.com/tos-cn-i-tb4s082cfz/5c1e9d3b7f2a4e6c8d0b1a3f5e7c9d2b~tplv-tb4s082cfz-resize:0:0.png?lk3s=43402efa&x-expires=1765238400&x-signature=Qm8R2s%2FtUv4W6x8Y0z1A3b5C7d9%3D&format=.png';
const ORIGIN =
  'https://v9-artist.vlabvod.com/2959c4a81f7e6b3d0a5c9e8f1b2d4a6c/69957ad9/video/tos/cn/tos-cn-v-148450/oATDe8AgQfIBnCkVzEiLDgFeAE9GfzQDAhBlBQ/?a=4066&ch=0&br=6889&bt=6889&cs=0&ds=12&mime_type=video_mp4&qs=0&rc=aDk7Ojs8NzQ1ZjY0Mzc0ZkBpajdxbXI5&l=2026120620314815A92CE8C12130D4DAC6';
const V720 =
  'https://v9-artist.vlabvod.com/7b1d3f5a9c2e4b6d8f0a1c3e5b7d9f2a/69957ad9/video/tos/cn/tos-cn-v-148450/oQGfEeAIBnCkVzLDgFeA9GfzQDAhBlBQ8/?a=4066&ch=0&br=2316&bt=2316&cs=0&ds=6&mime_type=video_mp4&qs=0&rc=M2Y5NTw2OzhnZDw6aTg6ZkBpajdx&l=2026120620314815A92CE8C12130D4DAC6';
// Decoded from the base64 `main_url`s of `video_model` (video_2, then video_1).
const VOD2 =
  'https://v26-default.365yg.com/8f1e2d3c4b5a69788796a5b4c3d2e1f0/69957ad9/video/tos/cn/tos-cn-v-148450/oATDe8AgQfIBnCkVzEiLDgFeAE9GfzQDAhBlBQ/?a=4066&br=6889&bt=6889&mime_type=video_mp4&qs=0&rc=aDk7Ojs8NzQ1ZjY0';
const VOD1 =
  'https://v26-default.365yg.com/1a2b3c4d5e6f70819203a4b5c6d7e8f9/69957ad9/video/tos/cn/tos-cn-v-148450/oQGfEeAIBnCkVzLDgFeA9GfzQDAhBlBQ8/?a=4066&br=1320&bt=1320&mime_type=video_mp4&qs=0&rc=M2Y5NTw2OzhnZDw6';
const COVER =
  'https://p26-dreamina-sign.byteimg.com/tos-cn-i-tb4s082cfz/67df2a9c4e1b4d3f8a6c0e2b4d6f8a1c~tplv-tb4s082cfz-aigc_resize:200:200.jpeg?lk3s=43402efa&x-expires=1765238400&x-signature=Bq7C9d1E3f5G7h9I1j3K5l7M9n1%3D&format=.jpeg';

const doneTask = {
  taskId: TASK,
  status: 'done',
  prompt: PROMPT,
  inputImages: [FIRST, END],
  videos: [{ url: ORIGIN, cover: COVER, width: 960, height: 960, durationMs: 5042, alternates: [V720, VOD2, VOD1] }],
  model: MODEL,
};

function endpoint(name: string): SiteEndpoint {
  const found = jimeng.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(`no endpoint ${name}`);
  return found;
}

const pollRequest: SiteRequest = { method: 'POST', url: new URL('https://jimeng.jianying.com/mweb/v1/get_history_by_ids?aid=513695') };

describe('jimeng recorded calls', () => {
  it('generate: the record id, with the prompt and model read from the JSON string draft_content of the request', () => {
    expect(tasksOf(jimeng, 'generate')).toEqual([{ taskId: TASK, status: 'generating', prompt: PROMPT, inputImages: [], videos: [], model: MODEL }]);
  });

  it('poll at status 20: generating, the prompt from the record’s own draft', () => {
    expect(tasksOf(jimeng, 'history-by-ids.generating')).toEqual([{ taskId: TASK, status: 'generating', prompt: PROMPT, inputImages: [], videos: [], model: MODEL }]);
  });

  it('poll at status 50: the origin rendition (no file extension) is the video; other sizes and the base64 VOD links are alternates; frames and the model icon are not videos', () => {
    const tasks = tasksOf(jimeng, 'history-by-ids.done');
    expect(tasks).toEqual([doneTask]);
    const json = JSON.stringify(loadSiteFixture('jimeng', 'history-by-ids.done'));
    // The decoys are there to be refused.
    expect(json).toContain('model_video_v8_3_0.jpg');
    expect(json).toContain('aigc_resize:720:720.webp');
    const urls = tasks.flatMap((task) => task.videos.flatMap((video) => [video.url, ...(video.alternates ?? [])]));
    expect(urls.some((url) => /model_video|douyinpic|byteimg/.test(url))).toBe(false);
  });

  it('poll at status 30: failed with the site’s words', () => {
    expect(tasksOf(jimeng, 'history-by-ids.failed')).toEqual([
      { taskId: '9481751203377', status: 'failed', failure: '内容不符合平台规则，请修改后重试', prompt: '烟花在城市夜空绽放', inputImages: [], videos: [], model: MODEL },
    ]);
  });

  it('history records: the video task, not the image task beside it', () => {
    expect(tasksOf(jimeng, 'history-records')).toEqual([doneTask]);
  });

  it('own assets: the video asset, keyed by its history record id; the image asset is left out', () => {
    expect(tasksOf(jimeng, 'asset-list')).toEqual([doneTask]);
  });
});

describe('jimeng edge cases', () => {
  const poll = endpoint('history-by-ids');
  const video = (extra: Record<string, unknown>) => ({ video: { transcoded_video: { origin: { video_url: ORIGIN, width: 960, height: 960 } }, ...extra } });

  it('serves Dreamina at the same paths', () => {
    expect(findSiteEndpoint('dreamina.capcut.com', 'POST', 'https://dreamina.capcut.com/mweb/v1/get_history_by_ids?aid=513641')?.endpoint.name).toBe('history-by-ids');
  });

  it('an error envelope (ret ≠ "0") reports nothing; a shape without ret is unknown', () => {
    expect(jimeng.extract({ ret: '1014', errmsg: 'system busy', data: null }, pollRequest, poll)).toEqual([]);
    expect(jimeng.extract({ code: 0, data: { [TASK]: { status: 50 } } }, pollRequest, poll)).toBeUndefined();
    expect(jimeng.extract({ ret: '0', data: {} }, pollRequest, poll)).toEqual([]);
  });

  it('reads the history_list form and a numeric ret', () => {
    const record = { history_record_id: TASK, status: 50, item_list: [video({})] };
    expect(jimeng.extract({ ret: 0, data: { history_list: [record] } }, pollRequest, poll)?.map((task) => [task.taskId, task.status, task.videos[0]?.url])).toEqual([
      [TASK, 'done', ORIGIN],
    ]);
  });

  it('post-processing (42, 45) is still generating even with a video in hand; the fail code stands in for missing words', () => {
    const record = (status: number) => ({ [TASK]: { status, fail_code: '2038', item_list: [video({})] } });
    expect(jimeng.extract({ ret: '0', data: record(45) }, pollRequest, poll)?.map((task) => [task.status, task.videos.length])).toEqual([['generating', 0]]);
    expect(jimeng.extract({ ret: '0', data: record(30) }, pollRequest, poll)?.map((task) => [task.status, task.failure])).toEqual([['failed', '2038']]);
  });

  it('done (50) without a video is reported done with none, so the library shows it failed rather than generating forever', () => {
    const data = { [TASK]: { status: 50, item_list: [{ video: { transcoded_video: { origin: { video_url: '' } } }, aigc_image_params: { text2video_params: { video_gen_inputs: [{ prompt: PROMPT }] } } }] } };
    expect(jimeng.extract({ ret: '0', data }, pollRequest, poll)?.map((task) => [task.status, task.videos.length, task.prompt])).toEqual([['done', 0, PROMPT]]);
  });

  it('keys a poll by submit id under the record’s own id, and falls back to the base64 VOD link when there is no origin', () => {
    const model = JSON.stringify({ video_list: { video_1: { main_url: btoa(VOD1) } } });
    const data = { 'c8e0a2b4-6d8f': { history_record_id: TASK, status: 50, item_list: [{ video: { video_model: model, play_url: 'javascript:alert(1)' } }] } };
    expect(jimeng.extract({ ret: '0', data }, pollRequest, poll)?.map((task) => [task.taskId, task.videos])).toEqual([
      [TASK, [{ url: VOD1, cover: undefined, width: undefined, height: undefined, durationMs: undefined }]],
    ]);
  });

  it('a generate call that makes images, or a record of an image task, reports nothing', () => {
    const draft = JSON.stringify({ component_list: [{ abilities: { generate: { core_param: { prompt: 'a cat' } } } }] });
    const request: SiteRequest = { method: 'POST', url: new URL('https://jimeng.jianying.com/mweb/v1/aigc_draft/generate'), body: JSON.stringify({ draft_content: draft }) };
    expect(jimeng.extract({ ret: '0', data: { aigc_data: { history_record_id: TASK } } }, request, endpoint('generate'))).toEqual([]);
    const image = { [TASK]: { status: 50, total_image_count: 1, item_list: [{ image: { large_images: [{ image_url: COVER }] } }] } };
    expect(jimeng.extract({ ret: '0', data: image }, pollRequest, poll)).toEqual([]);
  });
});
