import { describe, expect, it } from 'vitest';
import { qwen } from '@/src/sites/extractors/qwen';
import type { SiteEndpoint, SiteRequest } from '@/src/sites/extractors';
import { loadSiteFixture, tasksOf } from './site-fixtures';

const TASK = 'b4e9d1a2-6c3f-4e8b-9a7d-2f5c1e0b8d64';
const PROMPT = '一只柴犬在海边追逐浪花，慢动作，夕阳逆光';
const INPUT = 'https://cdn.qwenlm.ai/6f2d8c41-0b7e-4a9d-8e35-c1f04a7b29de/1f0b2e9c-3d5a-4c7e-9b18-7e6d4a2c05f3_shiba.png?key=eyJhbGciOiJIUzI1NiJ9.input';
const VIDEO =
  'https://cdn.qwenlm.ai/output/6f2d8c41-0b7e-4a9d-8e35-c1f04a7b29de/t2v/b4e9d1a2-6c3f-4e8b-9a7d-2f5c1e0b8d64/1765096284_0.mp4?key=eyJhbGciOiJIUzI1NiJ9.video';

function endpoint(name: string): SiteEndpoint {
  const found = qwen.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const get = (url: string): SiteRequest => ({ method: 'GET', url: new URL(url) });

describe('qwen extractor, on the recorded calls', () => {
  it('create: the t2v task named in extra.wanx, generating, with the prompt and input image of the request', () => {
    expect(tasksOf(qwen, 'create')).toEqual([{ taskId: TASK, status: 'generating', prompt: PROMPT, inputImages: [INPUT], videos: [] }]);
  });

  it('task status: running, then the bare URL string in content is the video', () => {
    expect(tasksOf(qwen, 'task-status.running')).toEqual([{ taskId: TASK, status: 'generating', inputImages: [], videos: [] }]);
    expect(tasksOf(qwen, 'task-status.success')).toEqual([{ taskId: TASK, status: 'done', inputImages: [], videos: [{ url: VIDEO }] }]);
  });

  it('chat read: the answer’s content is the video, the prompt the question it replies to; the input image is not the video', () => {
    expect(tasksOf(qwen, 'chat')).toEqual([{ taskId: TASK, status: 'done', prompt: PROMPT, inputImages: [INPUT], videos: [{ url: VIDEO }] }]);
  });
});

describe('qwen extractor, edge cases', () => {
  const create = endpoint('create');
  const createRequest: SiteRequest = { method: 'POST', url: new URL('https://chat.qwen.ai/api/v2/chat/completions?chat_id=c1'), body: loadSiteFixture('qwen', 'create').request.body };

  it('reports nothing for a text chat answer (SSE chunks or JSON) on the same path, nor for an error envelope', () => {
    expect(qwen.extract({ choices: [{ delta: { content: 'hello', phase: 'answer' } }] }, createRequest, create)).toEqual([]);
    expect(qwen.extract({ success: true, data: { messages: [{ role: 'assistant', content: 'hi', chat_type: 't2t' }] } }, createRequest, create)).toEqual([]);
    expect(qwen.extract({ success: false, data: { code: 'RateLimited' } }, createRequest, create)).toEqual([]);
  });

  it('a failed task is failed with the site’s words; a status without task_status is an unknown shape', () => {
    const status = endpoint('task-status');
    const request = get(`https://chat.qwen.ai/api/v1/tasks/status/${TASK}`);
    expect(qwen.extract({ task_status: 'failed', content: '', message: 'content moderation' }, request, status)).toEqual([
      { taskId: TASK, status: 'failed', failure: 'content moderation', inputImages: [], videos: [] },
    ]);
    expect(qwen.extract({ data: { task_status: 'success', content: VIDEO } }, request, status)?.[0]?.videos).toEqual([{ url: VIDEO }]);
    expect(qwen.extract({ task_status: 'success', content: 'javascript:alert(1)' }, request, status)?.[0]?.status).toBe('generating');
    expect(qwen.extract({ detail: 'x' }, request, status)).toBeUndefined();
  });

  it('a chat read without a t2v answer reports nothing; without data.chat it is an unknown shape', () => {
    const chat = endpoint('chat');
    const request = get('https://chat.qwen.ai/api/v2/chats/c1');
    expect(qwen.extract({ success: true, data: { chat: { history: { messages: { a: { id: 'a', role: 'user', content: 'hi' } } }, messages: [] } } }, request, chat)).toEqual([]);
    expect(qwen.extract({ success: true, data: {} }, request, chat)).toBeUndefined();
  });
});
