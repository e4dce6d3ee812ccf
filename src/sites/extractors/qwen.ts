import { at, httpUrl, idOf, isRecord, list, nestedJson, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtraction, SiteExtractor, SiteRequest, SiteTask } from './site-extractor';

/**
 * Qwen Chat (chat.qwen.ai), text-to-video (`chat_type: "t2v"`, the Wan model in chat): the
 * create answer names the task (`extra.wanx.task_id`), the task status gives the video as a
 * bare URL string in `content`, and the chat read shows the same task in its history. Shapes:
 * test/fixtures/sites/qwen/README.md. Ordinary chat answers (text, images) report nothing.
 */

/** Messages of a chat walked at most. */
const MAX_ITEMS = 500;

const ENDPOINTS = [
  { name: 'create', method: 'POST', path: /^\/api\/v2\/chat\/completions\/?$/ },
  { name: 'task-status', method: 'GET', path: /^\/api\/v1\/tasks\/status\/[^/]+\/?$/ },
  { name: 'chat', method: 'GET', path: /^\/api\/v2\/chats\/[^/]+\/?$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

/** Task status words that are final failures. */
const FAILED = new Set(['failed', 'fail', 'error', 'cancelled', 'canceled']);

export const qwen: SiteExtractor = {
  name: 'qwen',
  hosts: ['chat.qwen.ai'],
  mediaHosts: ['cdn.qwenlm.ai', 'wanx.alicdn.com'],
  endpoints: ENDPOINTS,
  extract(json: unknown, request: SiteRequest, endpoint: SiteEndpoint): SiteExtraction {
    if (!isRecord(json)) return undefined;
    switch (endpoint.name as EndpointName) {
      case 'create':
        return readCreate(json, request);
      case 'task-status':
        return readStatus(json, request);
      case 'chat':
        return readChat(json);
      default:
        return undefined;
    }
  },
};

/** The task id of a t2v assistant message (`extra.wanx.task_id`, spelled `taskId` too). */
function wanxTaskId(message: unknown): string | undefined {
  return idOf(at(message, 'extra', 'wanx', 'task_id')) ?? idOf(at(message, 'extra', 'wanx', 'taskId'));
}

/**
 * The t2v create answers `{success, data:{messages:[…, assistant {chat_type:"t2v", extra:{wanx:{task_id}}}]}}`
 * (not streamed); a text or image chat answers otherwise and reports no task. The prompt and the
 * input images are the request's last user message.
 */
function readCreate(json: Record<string, unknown>, request: SiteRequest): SiteExtraction {
  if (json.success === false) return [];
  const body = nestedJson(request.body);
  const user = list(at(body, 'messages')).slice(-1)[0];
  const messages = list(at(json, 'data', 'messages')).slice(0, MAX_ITEMS);
  const tasks: SiteTask[] = [];
  for (const message of messages) {
    const taskId = wanxTaskId(message);
    if (!taskId || at(message, 'role') === 'user') continue;
    tasks.push({ taskId, status: 'generating', ...promptOf(user), inputImages: inputImagesOf(user), videos: [] });
  }
  return tasks;
}

/** `{task_status: "running"|"success"|"failed", content: "<video URL>"}`, at the top or under `data`. */
function readStatus(json: Record<string, unknown>, request: SiteRequest): SiteExtraction {
  const record = isRecord(json.data) && json.task_status === undefined ? json.data : json;
  const state = text(at(record, 'task_status'))?.toLowerCase();
  const taskId = idOf(at(record, 'task_id')) ?? request.url.pathname.split('/').filter(Boolean).at(-1);
  if (!state || !taskId) return json.success === false ? [] : undefined;
  // The video is the bare string `content`: no key says "video".
  const url = httpUrl(at(record, 'content'));
  if (url) return [{ taskId, status: 'done', inputImages: [], videos: [{ url }] }];
  if (FAILED.has(state)) return [{ taskId, status: 'failed', failure: text(at(record, 'message')) ?? state, inputImages: [], videos: [] }];
  return [{ taskId, status: 'generating', inputImages: [], videos: [] }];
}

/**
 * A chat read: `data.chat.history.messages` (a map by id) or `data.chat.messages[]`. Each t2v
 * answer is a task; its `content` is the video URL once it is done. The prompt is the user
 * message it answers (`parentId`).
 */
function readChat(json: Record<string, unknown>): SiteExtraction {
  const chat = at(json, 'data', 'chat');
  if (!isRecord(chat)) return json.success === false ? [] : undefined;
  const byMap = at(chat, 'history', 'messages');
  const messages = [...(isRecord(byMap) ? Object.values(byMap) : []), ...list(chat.messages)].slice(0, MAX_ITEMS);
  const byId = new Map<string, unknown>();
  for (const message of messages) {
    const id = idOf(at(message, 'id'));
    if (id) byId.set(id, message);
  }
  const tasks = new Map<string, SiteTask>();
  for (const message of messages) {
    const taskId = wanxTaskId(message);
    if (!taskId || at(message, 'role') === 'user' || tasks.has(taskId)) continue;
    const parentId = idOf(at(message, 'parentId')) ?? idOf(at(message, 'parent_id'));
    const user = parentId === undefined ? undefined : byId.get(parentId);
    const url = httpUrl(at(message, 'content'));
    const inputImages = inputImagesOf(user);
    const task: SiteTask = { taskId, status: 'generating', ...promptOf(user), inputImages, videos: [] };
    tasks.set(taskId, url && !inputImages.includes(url) ? { ...task, status: 'done', videos: [{ url }] } : task);
  }
  return [...tasks.values()];
}

function promptOf(user: unknown): { prompt?: string } {
  const prompt = text(at(user, 'content'));
  return prompt === undefined ? {} : { prompt };
}

/** `files[].url` of the user's message: the images the video starts from, never the video. */
function inputImagesOf(user: unknown): string[] {
  return list(at(user, 'files'))
    .slice(0, 20)
    .flatMap((file) => httpUrl(at(file, 'url')) ?? []);
}
