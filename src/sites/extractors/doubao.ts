import { at, count, distinctUrls, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtraction, SiteExtractor, SiteRequest, SiteTask, SiteVideo } from './site-extractor';

/**
 * 豆包 (www.doubao.com), video in chat (Seedance): the chat answer (`samantha/chat/completion`,
 * SSE) whose event data, and the message content inside it, are JSON written as strings; the
 * chat's message chain (`im/chain/single`), where a `block_type: 2074` block lists the
 * creations; and the play info of one video (`samantha/video/get_play_info`), which gives the
 * clean copy. Each generated video is one task,
 * keyed by its `vid`. Shapes: test/fixtures/sites/doubao/README.md.
 */

/** Messages, blocks and creations walked at most. */
const MAX_ITEMS = 200;

const ENDPOINTS = [
  { name: 'completion', method: 'POST', path: /^\/samantha\/chat\/completion\/?$/, framing: 'sse' },
  { name: 'chain-single', method: 'POST', path: /^\/im\/chain\/single\/?$/ },
  { name: 'play-info', method: 'POST', path: /^\/samantha\/video\/get_play_info\/?$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

/** `content_type` of a user message that asks for a video (its content is `{"text":…}` as a string). */
const VIDEO_REQUEST = 2020;
/** `content_type` of an answer message, and `block_type` of a chain block, that list creations. */
const CREATIONS = 2074;
/** `event_type` of an SSE event that carries a message. */
const MESSAGE_EVENT = 2001;

export const doubao: SiteExtractor = {
  name: 'doubao',
  hosts: ['doubao.com'],
  mediaHosts: ['byteimg.com', 'bytednsdoc.com', 'douyinvod.com', 'doubao.com'],
  endpoints: ENDPOINTS,
  extract(json: unknown, request: SiteRequest, endpoint: SiteEndpoint): SiteExtraction {
    if (!isRecord(json)) return undefined;
    switch (endpoint.name as EndpointName) {
      case 'completion':
        return readStreamEvent(json, request);
      case 'chain-single':
        return readChain(json);
      case 'play-info':
        return readPlayInfo(json, request);
      default:
        return undefined;
    }
  },
};

/** The prompt and input images of a video request message (`content` is a JSON string). */
function askedFor(message: unknown): { prompt?: string; inputImages: string[] } {
  const content = at(message, 'content');
  const prompt = text(at(typeof content === 'string' ? nestedJson(content) : content, 'text'));
  const inputImages = distinctUrls(
    list(at(message, 'attachments'))
      .slice(0, 20)
      .filter((attachment) => at(attachment, 'type') === 'image')
      .map((attachment) => at(attachment, 'key') ?? at(attachment, 'url')),
  );
  return { ...(prompt === undefined ? {} : { prompt }), inputImages };
}

/**
 * One SSE event: `{event_type: 2001, event_data: "<JSON>"}`, whose `message.content` is JSON
 * again; a `content_type: 2074` message lists `creations[].video`. Every other event (text,
 * the end) reports nothing.
 */
function readStreamEvent(json: Record<string, unknown>, request: SiteRequest): SiteExtraction {
  if (typeof json.event_type !== 'number') return undefined;
  if (json.event_type !== MESSAGE_EVENT) return [];
  const data = typeof json.event_data === 'string' ? nestedJson(json.event_data) : json.event_data;
  const message = at(data, 'message');
  if (at(message, 'content_type') !== CREATIONS) return [];
  const user = list(at(nestedJson(request.body), 'messages')).find((item) => at(item, 'content_type') === VIDEO_REQUEST);
  const asked = user === undefined ? { inputImages: [] } : askedFor(user);
  return creationTasks(contentOf(message), asked);
}

/** A message's or block's `content`, parsed when the site wrote it as a JSON string. */
function contentOf(node: unknown): unknown {
  const content = at(node, 'content');
  return typeof content === 'string' ? nestedJson(content) : content;
}

/** Tasks of a creations list (`creations[]`, or `creation_block.creations[]`). */
function creationTasks(content: unknown, asked: { prompt?: string; inputImages: string[] }): SiteTask[] {
  const creations = list(at(content, 'creations')).length > 0 ? list(at(content, 'creations')) : list(at(content, 'creation_block', 'creations'));
  const tasks: SiteTask[] = [];
  for (const creation of creations.slice(0, MAX_ITEMS)) {
    const video = at(creation, 'video');
    const taskId = idOf(at(video, 'vid'));
    if (!taskId) continue;
    const found = creationVideo(video, asked.inputImages);
    const base = { taskId, ...(asked.prompt === undefined ? {} : { prompt: asked.prompt }), inputImages: asked.inputImages };
    tasks.push(found ? { ...base, status: 'done', videos: [found] } : { ...base, status: 'generating', videos: [] });
  }
  return tasks;
}

/** A creation's video: `download_url` first, then `video_url`; the cover's preview, thumb, or `video_cover`. */
function creationVideo(video: unknown, inputImages: string[]): SiteVideo | undefined {
  const [url, ...alternates] = distinctUrls([at(video, 'download_url'), at(video, 'video_url')], inputImages);
  if (!url) return undefined;
  const cover = distinctUrls(
    [at(video, 'cover', 'image_preview', 'url'), at(video, 'cover', 'image_thumb', 'url'), at(video, 'video_cover', 'url')],
    [url, ...inputImages],
  )[0];
  return siteVideo(url, { cover, width: count(at(video, 'width')), height: count(at(video, 'height')), alternates });
}

/**
 * The chain: `downlink_body.pull_singe_chain_downlink_body.messages[]` (the site's spelling),
 * each `content` a JSON string holding blocks (a list, or `content_block[]`). A 2074 block's
 * `content.creation_block.creations[]` are the videos. [I] The prompt is taken from the chain's
 * video request only when it holds exactly one, so a video never gets another one's prompt.
 */
function readChain(json: Record<string, unknown>): SiteExtraction {
  const body = isRecord(json.downlink_body) ? json.downlink_body : at(json, 'data', 'downlink_body');
  if (!isRecord(body)) return json.code !== undefined && json.code !== 0 ? [] : undefined;
  const messages = list(at(body, 'pull_singe_chain_downlink_body', 'messages')).slice(0, MAX_ITEMS);
  const requests = messages.filter((message) => at(message, 'content_type') === VIDEO_REQUEST);
  const asked = requests.length === 1 ? askedFor(requests[0]) : { inputImages: [] };
  const tasks: SiteTask[] = [];
  for (const message of messages) {
    const content = contentOf(message);
    const blocks = Array.isArray(content) ? content : list(at(content, 'content_block'));
    for (const block of blocks.slice(0, MAX_ITEMS)) {
      if (at(block, 'block_type') !== CREATIONS) continue;
      tasks.push(...creationTasks(contentOf(block), asked));
    }
  }
  return tasks;
}

/** "1080p" → 1080; unknown definitions rank last. */
function definitionRank(value: unknown): number {
  const match = typeof value === 'string' ? /^(\d{3,4})p$/i.exec(value.trim()) : null;
  return match ? Number(match[1]) : 0;
}

/**
 * Play info of one video, asked for by `vid`: `play_infos[{definition, main, backup}]`, the
 * highest definition first, the rest alternates; the clean copy, replacing the chat's link.
 * [I] An `original_media_info.main_url` (the original file, in the answers of the sibling
 * `samantha/media/get_play_info`) comes first when present.
 */
function readPlayInfo(json: Record<string, unknown>, request: SiteRequest): SiteExtraction {
  if (typeof json.code === 'number' && json.code !== 0) return [];
  const data = isRecord(json.data) ? json.data : json;
  const body = nestedJson(request.body);
  const taskId = idOf(at(body, 'vid')) ?? idOf(at(body, 'key'));
  const infos = list(data.play_infos).slice(0, MAX_ITEMS);
  const original = data.original_media_info;
  if (!taskId || (infos.length === 0 && !isRecord(original))) return undefined;
  const ranked = infos
    .map((info, order) => ({ info, order, rank: definitionRank(at(info, 'definition')) }))
    .sort((a, b) => b.rank - a.rank || b.order - a.order);
  const [url, ...alternates] = distinctUrls([
    at(original, 'main_url'),
    ...ranked.map(({ info }) => at(info, 'main')),
    at(original, 'backup_url'),
    ...ranked.map(({ info }) => at(info, 'backup')),
  ]);
  if (!url) return [];
  const video: SiteVideo = {
    ...siteVideo(url, { width: count(at(original, 'width')), height: count(at(original, 'height')), alternates }),
    clean: true,
  };
  return [{ taskId, status: 'done', inputImages: [], videos: [video] }];
}

