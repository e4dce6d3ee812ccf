import { describe, expect, it } from 'vitest';
import { chatglm } from '@/src/sites/extractors/chatglm';
import type { SiteEndpoint, SiteRequest } from '@/src/sites/extractors';
import { extractFixture, loadSiteFixture, tasksOf } from './site-fixtures';

const CHAT = '6753a1f2c4e8b90d1e2f3a4b';
const PROMPT = '一只橘猫在樱花树下慢慢走过，镜头缓缓推进';
const SOURCE = 'https://sfile.chatglm.cn/chatglm-videoserver/image/2c/2c8f41d7-5b3e-5a9d-8e27-6f1c0b9a4d3e.png';
const VIDEO = 'https://sfile.chatglm.cn/testpath/video/c1f59468-32fa-58c3-bd9d-ab4230cfe3ca_0.mp4';
const COVER = 'https://sfile.chatglm.cn/testpath/video_cover/c1f59468-32fa-58c3-bd9d-ab4230cfe3ca_cover_0.png';

function endpoint(name: string): SiteEndpoint {
  const found = chatglm.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(`no endpoint ${name}`);
  return found;
}

const statusRequest: SiteRequest = { method: 'GET', url: new URL(`https://chatglm.cn/chatglm/video-api/v1/chat/status/${CHAT}`) };

describe('chatglm (清影) recorded calls', () => {
  it('create: the chat id, with the prompt and first frame from the request body', () => {
    expect(tasksOf(chatglm, 'create')).toEqual([{ taskId: CHAT, status: 'generating', prompt: PROMPT, inputImages: [SOURCE], videos: [] }]);
  });

  it('status while processing: generating, the input image kept apart', () => {
    expect(tasksOf(chatglm, 'status.generating')).toEqual([{ taskId: CHAT, status: 'generating', prompt: PROMPT, inputImages: [SOURCE], videos: [] }]);
  });

  it('status finished: the video with its cover, size from "1440 × 960" and length from "6s"; source_url is not the video', () => {
    const [task] = tasksOf(chatglm, 'status.done');
    expect(task).toEqual({
      taskId: CHAT,
      status: 'done',
      prompt: PROMPT,
      inputImages: [SOURCE],
      videos: [{ url: VIDEO, cover: COVER, width: 1440, height: 960, durationMs: 6000 }],
    });
  });

  it('status failed: the site’s own words', () => {
    expect(tasksOf(chatglm, 'status.failed')).toEqual([
      {
        taskId: '6753a4c0e1f2a3b4c5d6e7f8',
        status: 'failed',
        failure: '内容涉及敏感信息，请修改后重试',
        prompt: '雨夜的霓虹街头，一个人撑伞走远',
        inputImages: [],
        videos: [],
      },
    ]);
  });

  it('list: every task of the user, each read like a status record', () => {
    const tasks = tasksOf(chatglm, 'list');
    expect(tasks.map((task) => [task.taskId, task.status])).toEqual([
      [CHAT, 'done'],
      ['6753a4c0e1f2a3b4c5d6e7f8', 'failed'],
      ['674f0c3ad1b2e3f4a5b6c7d8', 'done'],
    ]);
    expect(tasks[0]?.videos[0]?.url).toBe(VIDEO);
    expect(tasks[2]?.videos[0]).toEqual({
      url: 'https://sfile.chatglm.cn/testpath/video/8a0d2c4e-6f81-5b3a-9c5e-7d1f3b5a9e2c_0.mp4',
      cover: 'https://sfile.chatglm.cn/testpath/video_cover/8a0d2c4e-6f81-5b3a-9c5e-7d1f3b5a9e2c_cover_0.png',
      width: 1440,
      height: 960,
      durationMs: 6000,
    });
  });

  it('assistant stream: text-only snapshots report nothing, then the pending video item, then the same URL in each later snapshot', () => {
    const results = extractFixture(chatglm, endpoint('assistant-stream'), loadSiteFixture('chatglm', 'assistant-stream'));
    expect(results.map((tasks) => tasks?.map((task) => task.status))).toEqual([[], ['generating'], ['done'], ['done']]);
    const video = {
      url: 'https://sfile.chatglm.cn/testpath/video/4d6f8a0c-2e4b-5d7f-9a1c-3e5b7d9f1a2c_0.mp4',
      cover: 'https://sfile.chatglm.cn/testpath/video_cover/4d6f8a0c-2e4b-5d7f-9a1c-3e5b7d9f1a2c_cover_0.png',
    };
    for (const tasks of results.slice(2)) {
      expect(tasks).toEqual([
        {
          taskId: '6753a6b1f0e9d8c7b6a5f4e3',
          status: 'done',
          prompt: '帮我生成一段小狗在草地上奔跑的视频',
          inputImages: ['https://sfile.chatglm.cn/testpath/5e1b7c3a-9d2f-5e8a-b4c6-1f3d5a7b9c0e_0.png'],
          videos: [video],
        },
      ]);
    }
  });
});

describe('chatglm edge cases', () => {
  const status = endpoint('status');
  const stream = endpoint('assistant-stream');
  const streamRequest: SiteRequest = { method: 'POST', url: new URL('https://chatglm.cn/chatglm/backend-api/assistant/stream') };

  it('an error envelope reports nothing; an unknown shape is undefined', () => {
    expect(chatglm.extract({ status: 10002, message: 'token expired' }, statusRequest, status)).toEqual([]);
    expect(chatglm.extract({ code: 0, data: {} }, statusRequest, status)).toBeUndefined();
    expect(chatglm.extract({ status: 0, result: { chat_id: CHAT } }, statusRequest, status)).toBeUndefined();
  });

  it('takes the task id from the path when the record has none', () => {
    expect(chatglm.extract({ status: 0, result: { status: 'init' } }, statusRequest, status)?.[0]?.taskId).toBe(CHAT);
  });

  it('never takes source_url as the video, and a finished task without a video is failed', () => {
    const result = { chat_id: CHAT, status: 'finished', video_url: SOURCE, source_url: SOURCE, msg: '' };
    expect(chatglm.extract({ status: 0, result }, statusRequest, status)).toEqual([
      { taskId: CHAT, status: 'failed', failure: undefined, prompt: undefined, inputImages: [SOURCE], videos: [] },
    ]);
  });

  it('keeps the clip with its soundtrack as an alternate, and refuses non-http links', () => {
    const result = { chat_id: CHAT, status: 'finished', video_url: VIDEO, cover_url: 'javascript:alert(1)', containing_audio_url: 'https://sfile.chatglm.cn/testpath/video/c1f5_audio_0.mp4' };
    const [task] = chatglm.extract({ status: 0, result }, statusRequest, status) ?? [];
    expect(task?.videos).toEqual([{ url: VIDEO, cover: undefined, width: undefined, height: undefined, durationMs: undefined, alternates: ['https://sfile.chatglm.cn/testpath/video/c1f5_audio_0.mp4'] }]);
  });

  it('the chat stream: images are not videos, an .mp4 file item is, a filtered answer fails with its reason', () => {
    const snapshot = (content: unknown[], extra: Record<string, unknown> = {}) => ({ id: 'm1', conversation_id: 'c1', parts: [{ content }], status: 'init', ...extra });
    const image = { type: 'image', image: [{ image_url: 'https://sfile.chatglm.cn/testpath/a_0.png' }], status: 'finish' };
    expect(chatglm.extract(snapshot([image]), streamRequest, stream)).toEqual([]);
    const mp4 = { type: 'file', file: [{ file_url: 'https://sfile.chatglm.cn/testpath/b_0.mp4' }] };
    expect(chatglm.extract(snapshot([image, mp4]), streamRequest, stream)?.[0]?.videos).toEqual([{ url: 'https://sfile.chatglm.cn/testpath/b_0.mp4', cover: undefined }]);
    const pending = { type: 'video', video: [] };
    expect(chatglm.extract(snapshot([pending], { status: 'intervene', last_error: { err_msg: '内容不合规' } }), streamRequest, stream)).toEqual([
      { taskId: 'm1', status: 'failed', failure: '内容不合规', prompt: undefined, inputImages: [], videos: [] },
    ]);
    expect(chatglm.extract({ id: 'm1' }, streamRequest, stream)).toBeUndefined();
  });
});
