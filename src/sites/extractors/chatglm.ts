import { at, distinctUrls, httpUrl, idOf, isRecord, list, nestedJson, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtraction, SiteExtractor, SiteRequest, SiteTask, SiteVideo } from './site-extractor';

/**
 * 智谱清言 (chatglm.cn): 清影 video tasks (`video-api`: create, poll, the user's own list) and
 * the assistant's chat stream. Shapes: glm-free-api `generateVideos` / `receiveStream`, see
 * test/fixtures/sites/chatglm/README.md.
 */

/** Items of a list walked at most (a page of history is 20–50). */
const MAX_ITEMS = 200;

const ENDPOINTS = [
  { name: 'create', method: 'POST', path: /^\/chatglm\/video-api\/v1\/chat\/?$/ },
  { name: 'status', method: 'GET', path: /^\/chatglm\/video-api\/v1\/chat\/status\/[^/]+\/?$/ },
  { name: 'list', method: 'GET', path: /^\/chatglm\/video-api\/v1\/chat\/list\/?$/ },
  { name: 'assistant-stream', method: 'POST', path: /^\/chatglm\/backend-api\/assistant\/stream\/?$/, framing: 'sse' },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

export const chatglm: SiteExtractor = {
  name: 'chatglm',
  hosts: ['chatglm.cn'],
  // Videos, covers and uploads: test/fixtures/sites/chatglm/ (sfile.chatglm.cn).
  mediaHosts: ['sfile.chatglm.cn'],
  endpoints: ENDPOINTS,
  extract(json: unknown, request: SiteRequest, endpoint: SiteEndpoint): SiteExtraction {
    if (!isRecord(json)) return undefined;
    switch (endpoint.name as EndpointName) {
      case 'create':
        return readEnvelope(json, (result) => readCreate(result, request));
      case 'status':
        return readEnvelope(json, (result) => {
          const task = readVideoTask(result, lastPathSegment(request));
          return task ? [task] : undefined;
        });
      case 'list':
        return readEnvelope(json, readList);
      case 'assistant-stream':
        return readStreamEvent(json, request);
      default:
        return undefined;
    }
  },
};

/** `video-api` answers `{status: 0, message, result}`; any other status is an error envelope. */
function readEnvelope(json: Record<string, unknown>, read: (result: Record<string, unknown>) => SiteExtraction): SiteExtraction {
  if (typeof json.status !== 'number') return undefined;
  if (json.status !== 0) return [];
  return isRecord(json.result) ? read(json.result) : undefined;
}

/** The create answer holds only the id: the prompt and the input images are in the request. */
function readCreate(result: Record<string, unknown>, request: SiteRequest): SiteExtraction {
  const taskId = idOf(result.chat_id);
  if (!taskId) return undefined;
  const body = nestedJson(request.body);
  return [
    {
      taskId,
      status: 'generating',
      prompt: text(at(body, 'prompt')) ?? text(at(body, 'base_parameter_extra', 'prompt')),
      // `source_list` holds upload ids, not URLs; the newer body names its images with a role.
      inputImages: distinctUrls(list(at(body, 'image_with_roles')).slice(0, MAX_ITEMS).map((item) => at(item, 'url'))),
      videos: [],
    },
  ];
}

/**
 * One 清影 task record (`chat/status/{id}` result; list items are read the same way). The
 * status words are `init`/`processing` while it runs, `finished`, or `failed`/`error`.
 */
function readVideoTask(record: unknown, idInPath?: string): SiteTask | undefined {
  const taskId = idOf(at(record, 'chat_id')) ?? idInPath;
  const state = text(at(record, 'status'));
  if (!taskId || !state) return undefined;
  // `source_url` and `last_frame_source_url` are the frames the user gave, never the result.
  const inputImages = distinctUrls([at(record, 'source_url'), at(record, 'last_frame_source_url')]);
  const task: SiteTask = { taskId, status: 'generating', prompt: text(at(record, 'prompt')), inputImages, videos: [] };
  if (state === 'init' || state === 'processing') return task;
  const url = httpUrl(at(record, 'video_url'));
  if (state === 'finished' && url && !inputImages.includes(url)) {
    const size = parseResolution(text(at(record, 'video_resolution')) ?? text(at(record, 'resolution')));
    const video: SiteVideo = {
      url,
      // A still of the result; never the first frame the user gave.
      cover: distinctUrls([at(record, 'cover_url')], [url, ...inputImages])[0],
      width: size?.width,
      height: size?.height,
      durationMs: parseSeconds(text(at(record, 'video_duration'))),
    };
    // [I] The same clip with its generated soundtrack, when the user asked for one.
    const alternates = distinctUrls([at(record, 'containing_audio_url')], [url, ...inputImages]);
    if (alternates.length > 0) video.alternates = alternates;
    return { ...task, status: 'done', videos: [video] };
  }
  // Like glm-free-api, any other word (`failed`, `error`…) is a failure, as is `finished`
  // without a video: the site's words if it gave any.
  return { ...task, status: 'failed', failure: text(at(record, 'msg')) ?? (state === 'finished' ? undefined : state) };
}

/** [I] `chat/list` puts the user's tasks in `result.data[]`, each shaped like a status record. */
function readList(result: Record<string, unknown>): SiteExtraction {
  if (!Array.isArray(result.data)) return undefined;
  // An item without its own `chat_id` cannot be told apart from the others: readVideoTask drops it.
  return list(result.data)
    .slice(0, MAX_ITEMS)
    .flatMap((item) => {
      const task = readVideoTask(item);
      return task ? [task] : [];
    });
}

/**
 * One event of the assistant stream: a cumulative snapshot of the whole answer, so the same
 * URL comes back in every event (the store merges by task). [I] No public source shows a video
 * in this stream; a `type:"video"` content item, or a media item whose URL is an .mp4, is read
 * as one. Images are images: an answer without video reports nothing.
 */
function readStreamEvent(json: Record<string, unknown>, request: SiteRequest): SiteExtraction {
  if (!Array.isArray(json.parts)) return undefined;
  const taskId = idOf(json.id) ?? idOf(json.conversation_id);
  const found = streamVideos(json.parts);
  if (!taskId || (found.videos.length === 0 && !found.pending)) return [];
  const content = list(at(list(at(nestedJson(request.body), 'messages')).at(-1), 'content')).slice(0, MAX_ITEMS);
  const prompt = text(at(content.find((item) => at(item, 'type') === 'text'), 'text'));
  const inputImages = distinctUrls(
    content.filter((item) => at(item, 'type') === 'image').flatMap((item) => list(at(item, 'image')).map((image) => at(image, 'image_url'))),
  );
  const videos = found.videos.filter((video) => !inputImages.includes(video.url));
  const task: SiteTask = { taskId, status: 'generating', prompt, inputImages, videos };
  if (videos.length > 0) return [{ ...task, status: 'done' }];
  const state = text(json.status);
  if (state === 'intervene' || state === 'error') {
    return [{ ...task, status: 'failed', failure: text(at(json, 'last_error', 'err_msg')) ?? state }];
  }
  // A video item with no URL yet: the video is on its way.
  return found.pending ? [task] : [];
}

/** The video content items of the answer's parts, each URL once, and whether a video item has no URL yet. */
function streamVideos(parts: unknown[]): { videos: SiteVideo[]; pending: boolean } {
  const videos: SiteVideo[] = [];
  let pending = false;
  for (const part of parts.slice(0, MAX_ITEMS)) {
    for (const item of list(at(part, 'content')).slice(0, MAX_ITEMS)) {
      const type = text(at(item, 'type'));
      if (type !== 'video' && type !== 'image' && type !== 'file') continue;
      const media = list(at(item, type)).slice(0, MAX_ITEMS);
      let urls = 0;
      for (const entry of media) {
        const url = httpUrl(at(entry, 'video_url')) ?? httpUrl(at(entry, 'url')) ?? httpUrl(at(entry, 'image_url')) ?? httpUrl(at(entry, 'file_url'));
        // An image or file item is a video only when its URL says so.
        if (!url || (type !== 'video' && !isMp4(url))) continue;
        urls += 1;
        if (videos.some((video) => video.url === url)) continue;
        videos.push({ url, cover: httpUrl(at(entry, 'cover_url')) ?? httpUrl(at(entry, 'cover_image_url')) });
      }
      if (type === 'video' && urls === 0) pending = true;
    }
  }
  return { videos, pending };
}

function isMp4(url: string): boolean {
  return /\.mp4$/i.test(new URL(url).pathname);
}

function lastPathSegment(request: SiteRequest): string | undefined {
  return request.url.pathname.split('/').filter(Boolean).at(-1);
}

/** "1440 × 960" (the site writes a multiplication sign) → width and height. */
function parseResolution(value: string | undefined): { width: number; height: number } | undefined {
  const match = value ? /^(\d{2,5})\s*[×xX*]\s*(\d{2,5})$/.exec(value) : null;
  return match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
}

/** "6s" → 6000 ms. */
function parseSeconds(value: string | undefined): number | undefined {
  const match = value ? /^(\d+(?:\.\d+)?)\s*s?$/i.exec(value) : null;
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}
