import { at, count, distinctUrls, httpUrl, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask, SiteVideo } from './site-extractor';

/** Lists are walked this far and no further. */
const MAX_ITEMS = 200;

/**
 * Vidu (vidu.com abroad, vidu.cn in China, formerly vidu.studio). The page calls its API on
 * another host (`service.vidu.com` / `service.vidu.cn`), which the capture sees all the same.
 * Every call reports task objects `{id, state, err_code, input.prompts[], creations[]}`: create,
 * one task, the user's own history; the state stream only the state. The public feed
 * (`/vidu/v1/feed/list`) and others' creations (`/vidu/v1/creations/…`) are not read.
 */
const ENDPOINTS = [
  { name: 'create', method: 'POST', path: /^\/vidu\/v1\/tasks$/ },
  { name: 'history', method: 'GET', path: /^\/vidu\/v1\/tasks\/history\/me$/ },
  { name: 'state', method: 'GET', path: /^\/vidu\/v1\/tasks\/state$/, framing: 'sse' },
  { name: 'task', method: 'GET', path: /^\/vidu\/v1\/tasks\/\d+$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

/** States other than these are on the way (created, queueing, scheduling, preparing, processing). */
const DONE = 'success';
const FAILED = new Set(['failed', 'canceled', 'cancelled']);

export const vidu: SiteExtractor = {
  name: 'vidu',
  hosts: ['vidu.com', 'vidu.cn', 'vidu.studio'],
  // Its API (service.vidu.com / .cn) is under its page hosts; the CDN: test/fixtures/sites/vidu/README.md.
  mediaHosts: ['vidu.cf.vidu.studio'],
  endpoints: ENDPOINTS,
  extract(json, request, endpoint) {
    switch (endpoint.name as EndpointName) {
      case 'create':
        return wrap(readTask(json, nestedJson(request.body)));
      case 'task':
        return wrap(readTask(json, undefined));
      case 'history':
        return isRecord(json) && Array.isArray(json.tasks)
          ? json.tasks.slice(0, MAX_ITEMS).flatMap((task) => readTask(task, undefined) ?? [])
          : undefined;
      case 'state':
        return readState(json, request);
      default:
        return undefined;
    }
  },
};

function wrap(task: SiteTask | undefined): SiteTask[] | undefined {
  return task ? [task] : undefined;
}

/**
 * A task object. The prompt is the `text` entry of `input.prompts[]`, input images its `image`
 * entries (an upload not yet a URL, `ssupload:?id=…`, is left out). Create's answer may lack
 * `input`; then the request's own `input` says it.
 */
function readTask(value: unknown, requestBody: unknown): SiteTask | undefined {
  const taskId = idOf(at(value, 'id'));
  const state = text(at(value, 'state'))?.toLowerCase();
  if (!taskId || !state) return undefined;
  const prompts = list(at(value, 'input', 'prompts')).length > 0 ? at(value, 'input', 'prompts') : at(requestBody, 'input', 'prompts');
  const entries = list(prompts).slice(0, 20);
  const prompt = entries.map((entry) => (at(entry, 'type') === 'text' ? text(at(entry, 'content')) : undefined)).find((content) => content !== undefined);
  const inputImages = distinctUrls(entries.filter((entry) => at(entry, 'type') === 'image').map((entry) => at(entry, 'content')));
  const base = { taskId, inputImages, ...(prompt === undefined ? {} : { prompt }) };
  if (FAILED.has(state)) return { ...base, status: 'failed', failure: text(at(value, 'err_code')) ?? state, videos: [] };
  const videos = list(at(value, 'creations'))
    .slice(0, 20)
    .flatMap((creation) => creationVideo(creation, inputImages) ?? []);
  if (state === DONE && videos.length > 0) return { ...base, status: 'done', videos };
  return { ...base, status: 'generating', videos: [] };
}

/** A creation: `nomark_uri` (no watermark, when the plan gives it) first, then `uri`; `cover_uri` the still. */
function creationVideo(creation: unknown, inputImages: string[]): SiteVideo | undefined {
  const type = text(at(creation, 'type'));
  if (type !== undefined && type !== 'video') return undefined;
  const [url, ...alternates] = distinctUrls([at(creation, 'nomark_uri'), at(creation, 'uri')], inputImages);
  if (!url) return undefined;
  return siteVideo(url, {
    cover: httpUrl(at(creation, 'cover_uri')),
    width: count(at(creation, 'resolution', 'width')) ?? count(at(creation, 'video', 'resolution', 'width')),
    height: count(at(creation, 'resolution', 'height')) ?? count(at(creation, 'video', 'resolution', 'height')),
    durationMs: secondsToMs(count(at(creation, 'video', 'duration')) ?? count(at(creation, 'src_video_duration'))),
    alternates,
  });
}

/**
 * One event of the state stream (`GET /vidu/v1/tasks/state?id=…`, server-sent events of
 * `{state, estimated_time_left, err_code, queue_wait_time}`). The task is the query's `id`.
 * Its success carries no creation, so it reports nothing: the task call that follows does.
 */
function readState(json: unknown, request: SiteRequest): SiteTask[] | undefined {
  if (!isRecord(json)) return undefined;
  const state = text(json.state)?.toLowerCase();
  const taskId = idOf(json.id) ?? idOf(request.url.searchParams.get('id'));
  if (!state || !taskId) return undefined;
  if (Array.isArray(json.creations)) return wrap(readTask({ ...json, id: taskId }, undefined));
  if (FAILED.has(state)) return [{ taskId, status: 'failed', failure: text(json.err_code) ?? state, inputImages: [], videos: [] }];
  if (state === DONE) return [];
  return [{ taskId, status: 'generating', inputImages: [], videos: [] }];
}

function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : seconds * 1000;
}
