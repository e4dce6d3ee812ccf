import { at, count, distinctUrls, httpUrl, idOf, isRecord, list, nestedJson, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtraction, SiteExtractor, SiteRequest, SiteTask, SiteVideo } from './site-extractor';

/**
 * Jimeng (jimeng.jianying.com) and its international twin Dreamina (dreamina.capcut.com): one
 * app, one API under `/mweb/v1/`. A task is a "history record"; its `item_list[]` holds the
 * generated videos. Shapes: jimeng-free-api-all, a captured `get_asset_list` answer and the
 * ai-watermark-remover interceptor; see test/fixtures/sites/jimeng/README.md.
 */

/** Items of a list walked at most. */
const MAX_ITEMS = 200;

const ENDPOINTS = [
  { name: 'generate', method: 'POST', path: /^\/mweb\/v1\/aigc_draft\/generate\/?$/ },
  { name: 'history-by-ids', method: 'POST', path: /^\/mweb\/v1\/get_history_by_ids\/?$/ },
  { name: 'history-records', method: 'POST', path: /^\/mweb\/v1\/get_history_records\/?$/ },
  { name: 'asset-list', method: 'POST', path: /^\/mweb\/v1\/get_asset_list\/?$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

/**
 * Numeric record statuses: 20 generating, 42 and 45 post-processing, 10 and 50 done, 30
 * failed. Done is read from the videos themselves (any status but the generating ones).
 */
const GENERATING = new Set([20, 42, 45]);
const DONE = new Set([10, 50]);
/** 30 is the failure every client reads; 60, 70 and 80 are further terminal failures one public client lists. */
const FAILED = new Set([30, 60, 70, 80]);

export const jimeng: SiteExtractor = {
  name: 'jimeng',
  hosts: ['jimeng.jianying.com', 'dreamina.capcut.com'],
  // Videos on vlabvod.com, stills on byteimg.com and douyinpic.com: test/fixtures/sites/jimeng/.
  mediaHosts: ['vlabvod.com', 'byteimg.com', 'douyinpic.com'],
  endpoints: ENDPOINTS,
  extract(json: unknown, request: SiteRequest, endpoint: SiteEndpoint): SiteExtraction {
    // Every answer is `{ret: "0", errmsg, data}`; another `ret` is an error (not logged in, rate limited…).
    if (!isRecord(json) || json.ret === undefined) return undefined;
    if (idOf(json.ret) !== '0') return [];
    const data = json.data;
    if (!isRecord(data)) return undefined;
    switch (endpoint.name as EndpointName) {
      case 'generate':
        return readGenerate(data, request);
      case 'history-by-ids':
      case 'history-records':
        return readHistory(data);
      case 'asset-list':
        return readAssets(data);
      default:
        return undefined;
    }
  },
};

/**
 * The create answer holds the record id; the prompt is only in the request, inside the JSON
 * *string* `draft_content` (its first frame there is a storage key, not a URL, so the input
 * image comes with the first poll).
 */
function readGenerate(data: Record<string, unknown>, request: SiteRequest): SiteExtraction {
  const aigc = data.aigc_data;
  const taskId = idOf(at(aigc, 'history_record_id'));
  if (!taskId) return undefined;
  const params = draftVideoParams(nestedJson(at(nestedJson(request.body), 'draft_content')));
  // The same call makes images; only a draft with a video component is a video task.
  if (params === undefined) return [];
  const input = list(at(params, 'video_gen_inputs'))[0];
  return [
    {
      taskId,
      status: 'generating',
      prompt: text(at(input, 'prompt')),
      inputImages: frameImages(input),
      videos: [],
      model: text(at(params, 'model_req_key')),
    },
  ];
}

/** `text_to_video_params` of the draft's video component (`component_list[].abilities.gen_video`). */
function draftVideoParams(draft: unknown): unknown {
  for (const component of list(at(draft, 'component_list')).slice(0, MAX_ITEMS)) {
    const params = at(component, 'abilities', 'gen_video', 'text_to_video_params');
    if (isRecord(params)) return params;
  }
  return undefined;
}

/** `data` keyed by record id, or the list forms `history_list[]` / `history_records[]`. */
function readHistory(data: Record<string, unknown>): SiteExtraction {
  const listed = Array.isArray(data.history_list) ? data.history_list : Array.isArray(data.history_records) ? data.history_records : undefined;
  const records: [string | undefined, unknown][] = listed
    ? listed.map((record): [string | undefined, unknown] => [undefined, record])
    : Object.entries(data).filter(([, record]) => isRecord(record) && ('item_list' in record || 'status' in record));
  if (!listed && records.length === 0 && Object.keys(data).length > 0) return undefined;
  return records.slice(0, MAX_ITEMS).flatMap(([key, record]) => {
    const task = readRecord(record, key);
    return task ? [task] : [];
  });
}

/** Own assets: `asset_list[]`, where a video asset is `{id, type, video: <history record>}` (images are left out). */
function readAssets(data: Record<string, unknown>): SiteExtraction {
  if (!Array.isArray(data.asset_list)) return undefined;
  return data.asset_list.slice(0, MAX_ITEMS).flatMap((asset) => {
    const record = at(asset, 'video');
    if (!isRecord(record)) return [];
    const task = readRecord(record, idOf(at(asset, 'id')));
    // An asset is a finished thing; one without a video and without a status says nothing.
    return task && (task.videos.length > 0 || count(record.status) !== undefined) ? [task] : [];
  });
}

/** One history record (a task): its status and a video per item of `item_list`. */
function readRecord(record: unknown, key: string | undefined): SiteTask | undefined {
  // Polls by `submit_ids` key the answer by the submit id; the record's own id stays the task id.
  const taskId = idOf(at(record, 'history_record_id')) ?? key;
  if (!taskId || !isRecord(record)) return undefined;
  // Some answers nest the live state in `task` (jimeng-free-api-all reads both).
  const items = list(record.item_list ?? at(record, 'task', 'item_list')).slice(0, MAX_ITEMS);
  // [I] A record still generating has no items yet; its `draft_content` tells what was asked.
  const draftParams = draftVideoParams(nestedJson(record.draft_content));
  const inputs = items.map(genInput).find((input) => input !== undefined) ?? genInput(record) ?? list(at(draftParams, 'video_gen_inputs')).find(isRecord);
  // The same history serves image tasks: a record is a video task only when it says so.
  if (inputs === undefined && !items.some((item) => isRecord(at(item, 'video')))) return undefined;
  const inputImages = frameImages(inputs);
  const videos = items.flatMap((item) => {
    const video = readVideo(item, inputImages);
    return video ? [video] : [];
  });
  const paramsOwner = items.find((item) => isRecord(at(item, 'aigc_image_params'))) ?? record;
  const task: SiteTask = {
    taskId,
    status: 'generating',
    prompt: text(at(inputs, 'prompt')),
    inputImages,
    videos,
    model: text(at(paramsOwner, 'aigc_image_params', 'text2video_params', 'model_req_key')) ?? text(at(draftParams, 'model_req_key')),
  };
  const status = count(record.status) ?? count(at(record, 'task', 'status'));
  if (status !== undefined && FAILED.has(status)) {
    // [I] `fail_msg` when the site words it; else its `fail_code` (e.g. 2038, content filtered).
    const failure = text(record.fail_msg) ?? idOf(record.fail_code) ?? idOf(at(record, 'task', 'fail_code'));
    return { ...task, status: 'failed', failure, videos: [] };
  }
  // While post-processing (42, 45) an item may already carry a draft video: not final yet.
  if (videos.length > 0 && (status === undefined || !GENERATING.has(status))) return { ...task, status: 'done' };
  // Done without a video the user can have (withheld after review): reported as done with
  // none, which the library shows as failed; a later answer with the video still wins.
  if (status !== undefined && DONE.has(status)) return { ...task, status: 'done', videos: [] };
  return { ...task, videos: [] };
}

/** `aigc_image_params.text2video_params.video_gen_inputs[0]` of an item or a record. */
function genInput(owner: unknown): unknown {
  const input = list(at(owner, 'aigc_image_params', 'text2video_params', 'video_gen_inputs'))[0];
  return isRecord(input) ? input : undefined;
}

/** The first and last frames the user gave. */
function frameImages(input: unknown): string[] {
  return distinctUrls([at(input, 'first_frame_image', 'image_url'), at(input, 'end_frame_image', 'image_url')]);
}

/**
 * The video of one item. `transcoded_video.origin` is the best: the original rendition, with
 * its size, present in every answer (poll, history, assets), so the link the store keeps first
 * is the same whichever call comes first. The other renditions are alternates: per-resolution
 * transcodes (largest first), the VOD play list inside the JSON-string `video_model` (base64
 * `main_url`, `video_4` down to `video_1`), then `download_url`/`play_url`/`url`.
 * The URLs have no file extension (`…/?…&mime_type=video_mp4`).
 */
function readVideo(item: unknown, inputImages: readonly string[]): SiteVideo | undefined {
  const video = at(item, 'video');
  if (!isRecord(video)) return undefined;
  const transcoded = video.transcoded_video;
  const origin = at(transcoded, 'origin');
  const sized = resolutionKeys(transcoded).map((key) => at(transcoded, key));
  const model = nestedJson(video.video_model);
  const candidates = [
    at(origin, 'video_url'),
    ...sized.map((rendition) => at(rendition, 'video_url')),
    ...['video_4', 'video_3', 'video_2', 'video_1'].map((key) => decodeBase64Url(at(model, 'video_list', key, 'main_url'))),
    video.download_url,
    video.play_url,
    video.url,
  ];
  const [url, ...alternates] = distinctUrls(candidates, inputImages);
  if (!url) return undefined;
  const chosen = [origin, ...sized].find((rendition) => httpUrl(at(rendition, 'video_url')) === url);
  const result: SiteVideo = {
    url,
    // The item's own still first; the video's and the VOD poster are the same frame elsewhere.
    cover: distinctUrls([at(item, 'common_attr', 'cover_url'), video.cover_url, at(model, 'poster_url')], [...inputImages, url])[0],
    width: count(at(chosen, 'width')) || undefined,
    height: count(at(chosen, 'height')) || undefined,
    durationMs: count(video.duration_ms) ?? secondsToMs(count(video.duration)),
  };
  if (alternates.length > 0) result.alternates = alternates;
  return result;
}

/** `transcoded_video` keys like `720p`, `1080p`, largest first. */
function resolutionKeys(transcoded: unknown): string[] {
  if (!isRecord(transcoded)) return [];
  return Object.keys(transcoded)
    .filter((key) => /^\d{3,4}p$/i.test(key))
    .sort((a, b) => parseInt(b, 10) - parseInt(a, 10))
    .slice(0, 16);
}

/** `main_url` is the link in base64; undefined unless it decodes to text. */
function decodeBase64Url(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 8192 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  try {
    return atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
}

function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}
