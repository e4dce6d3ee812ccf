import { at, count, distinctUrls, httpUrl, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask } from './site-extractor';

/** Lists are walked this far and no further. */
const MAX_ITEMS = 200;

/**
 * Hailuo (hailuoai.video abroad, hailuoai.com in China; MiniMax). Every answer is wrapped in
 * `{statusInfo:{code, message}, data}`; a non-zero code reports nothing. A generated video is
 * known by one id everywhere: create's `task.videoIDs[]`, the polls' `videos[].id` /
 * `assets[].id`, and the creation feed's `commonInfo.id`. The feeds read here are the user's
 * own creations (`/api/feed/creation/my/…`), never the explore feed.
 */
const ENDPOINTS = [
  { name: 'generate', method: 'POST', path: /^(\/v2)?\/api\/multimodal\/generate\/video$/ },
  { name: 'processing', method: 'GET', path: /^\/api\/multimodal\/video\/processing$/ },
  { name: 'processing-v4', method: 'POST', path: /^\/v4\/api\/multimodal\/video\/processing$/ },
  { name: 'feed-batch', method: 'POST', path: /^\/api\/feed\/creation\/my\/batch$/ },
  { name: 'feed-processing', method: 'POST', path: /^\/api\/feed\/creation\/my\/processing$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

/** Numeric statuses of the polls: 1 generating, 11 queued, 2 done, 5 failed, 7 moderation. */
const POLL_DONE = 2;
const POLL_FAILED = new Map([
  [5, 'failed'],
  [7, 'moderation'],
]);
/** In the creation feed, 2 is success and anything from 90 up a failure. */
const FEED_DONE = 2;
const FEED_FAILED_FROM = 90;

export const hailuo: SiteExtractor = {
  name: 'hailuo',
  hosts: ['hailuoai.video', 'hailuoai.com'],
  // test/fixtures/sites/hailuo/ and the public feed answers (cdn.hailuoai.com abroad).
  mediaHosts: ['cdn.hailuoai.video', 'cdn.hailuoai.com'],
  endpoints: ENDPOINTS,
  extract(json, request, endpoint) {
    if (!isRecord(json) || !isRecord(json.statusInfo)) return undefined;
    if (count(json.statusInfo.code) !== 0) return [];
    const data = json.data;
    switch (endpoint.name as EndpointName) {
      case 'generate':
        return readCreated(data, request);
      case 'processing':
        return Array.isArray(at(data, 'videos')) ? list(at(data, 'videos')).slice(0, MAX_ITEMS).flatMap((video) => readPolled(video) ?? []) : undefined;
      case 'processing-v4':
        return Array.isArray(at(data, 'batchVideos')) ? readBatches(list(at(data, 'batchVideos'))) : undefined;
      case 'feed-batch':
        return Array.isArray(at(data, 'batchFeeds'))
          ? list(at(data, 'batchFeeds'))
              .slice(0, MAX_ITEMS)
              .flatMap((batch) => list(at(batch, 'feeds')))
              .slice(0, MAX_ITEMS)
              .flatMap((feed) => readFeed(feed) ?? [])
          : undefined;
      case 'feed-processing':
        return Array.isArray(at(data, 'feeds')) ? list(at(data, 'feeds')).slice(0, MAX_ITEMS).flatMap((feed) => readFeed(feed) ?? []) : undefined;
      default:
        return undefined;
    }
  },
};

/**
 * Create: the new video ids (`task.videoIDs`, one per requested video) or the record `id`.
 * The prompt and input images are only in the request: `parameter.desc` and
 * `parameter.fileList[].url` (new), `desc` (old; its `fileList` carries upload ids only).
 */
function readCreated(data: unknown, request: SiteRequest): SiteTask[] | undefined {
  if (!isRecord(data)) return undefined;
  const ids = list(at(data, 'task', 'videoIDs')).flatMap((id) => idOf(id) ?? []);
  const fallback = idOf(data.id);
  const taskIds = ids.length > 0 ? ids.slice(0, 16) : fallback ? [fallback] : [];
  if (taskIds.length === 0) return undefined;
  const body = nestedJson(request.body);
  const parameter = isRecord(at(body, 'parameter')) ? at(body, 'parameter') : body;
  const prompt = text(at(parameter, 'desc'));
  const inputImages = distinctUrls(list(at(parameter, 'fileList')).map((file) => at(file, 'url')));
  return taskIds.map((taskId) => ({ taskId, status: 'generating', inputImages, videos: [], ...(prompt === undefined ? {} : { prompt }) }));
}

/** A video of the old poll: `{id, desc, coverURL, videoURL, downloadURL, status, percent, message, originFiles}`. */
function readPolled(video: unknown): SiteTask | undefined {
  const taskId = idOf(at(video, 'id'));
  const status = count(at(video, 'status'));
  if (!taskId || status === undefined) return undefined;
  const prompt = text(at(video, 'desc'));
  const base = {
    taskId,
    inputImages: distinctUrls(list(at(video, 'originFiles')).map((file) => at(file, 'url'))),
    ...(prompt === undefined ? {} : { prompt }),
  };
  const failed = POLL_FAILED.get(status);
  if (failed) return { ...base, status: 'failed', failure: text(at(video, 'message')) ?? failed, videos: [] };
  // The download the page offers first, the player's file after it.
  const [url, ...alternates] = distinctUrls([at(video, 'downloadURL'), at(video, 'videoURL')], base.inputImages);
  if (status === POLL_DONE && url) {
    const cover = httpUrl(at(video, 'coverURL'));
    return {
      ...base,
      status: 'done',
      videos: [siteVideo(url, { cover, width: count(at(video, 'width')), height: count(at(video, 'height')), alternates })],
    };
  }
  return { ...base, status: 'generating', videos: [], ...percentOf(at(video, 'percent')) };
}

/** The v4 poll: `batchVideos[].assets[]` with a string `downloadURL`. */
function readBatches(batches: unknown[]): SiteTask[] {
  return batches
    .slice(0, MAX_ITEMS)
    .flatMap((batch) => list(at(batch, 'assets')))
    .slice(0, MAX_ITEMS)
    .flatMap((asset) => readPolled(asset) ?? []);
}

/**
 * One creation of the feed: `commonInfo{id, status}`, `feedCoverInfo.coverURL`,
 * `modelParameter.videoParameter{desc, fileList}`, `metaInfo.videoMetaInfo.mediaInfo{url,
 * downloadURL{withoutWatermarkURL, watermarkURL}, width, height, duration}`. Image creations
 * (`imageMetaInfo`, `imageParameter`) share the feed and are skipped.
 */
function readFeed(feed: unknown): SiteTask | undefined {
  const taskId = idOf(at(feed, 'commonInfo', 'id'));
  const status = count(at(feed, 'commonInfo', 'status'));
  const parameter = at(feed, 'modelParameter', 'videoParameter');
  const media = at(feed, 'metaInfo', 'videoMetaInfo', 'mediaInfo');
  if (!taskId || status === undefined || (!isRecord(parameter) && !isRecord(at(feed, 'metaInfo', 'videoMetaInfo')))) return undefined;
  const prompt = text(at(parameter, 'desc'));
  const base = {
    taskId,
    inputImages: distinctUrls(list(at(parameter, 'fileList')).map((file) => at(file, 'url'))),
    ...(prompt === undefined ? {} : { prompt }),
  };
  if (status >= FEED_FAILED_FROM) {
    const failure = text(at(feed, 'commonInfo', 'message')) ?? text(at(feed, 'commonInfo', 'statusMessage')) ?? `status ${status}`;
    return { ...base, status: 'failed', failure, videos: [] };
  }
  const [url, ...alternates] = distinctUrls(
    [at(media, 'downloadURL', 'withoutWatermarkURL'), at(media, 'url'), at(media, 'downloadURL', 'watermarkURL')],
    base.inputImages,
  );
  if (status === FEED_DONE && url) {
    const seconds = count(at(media, 'duration'));
    const video = siteVideo(url, {
      cover: httpUrl(at(feed, 'feedCoverInfo', 'coverURL')),
      width: count(at(media, 'width')) ?? count(at(feed, 'feedCoverInfo', 'width')),
      height: count(at(media, 'height')) ?? count(at(feed, 'feedCoverInfo', 'height')),
      durationMs: seconds === undefined ? undefined : seconds * 1000,
      alternates,
    });
    return { ...base, status: 'done', videos: [video] };
  }
  return { ...base, status: 'generating', videos: [], ...percentOf(at(feed, 'commonInfo', 'percent')) };
}

function percentOf(value: unknown): { percent?: number } {
  const percent = count(value);
  return percent === undefined ? {} : { percent: Math.min(100, Math.round(percent)) };
}
