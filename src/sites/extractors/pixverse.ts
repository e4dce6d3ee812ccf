import { at, count, distinctUrls, httpUrl, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask } from './site-extractor';

/** Lists are walked this far and no further. */
const MAX_ITEMS = 200;

/** Where `video_path` lives when the site gives only the path. */
const MEDIA_ORIGIN = 'https://media.pixverse.ai/';

/**
 * PixVerse web (app.pixverse.ai; its API is app-api.pixverse.ai). Answers are
 * `{ErrCode, ErrMsg, Resp}`; a non-zero `ErrCode` reports nothing. Create (`video/i2v`,
 * `video/t2v`) answers only the `video_id`, so the prompt and input image come from its
 * request; the user's own list (`video/list/personal`) then reports each video by that id. The
 * community lists (`showvideos`, `content/relation/list`) are other people's and are not read;
 * nor is the OpenAPI (`/openapi/v2/…`), which API-key clients call, not the web app.
 */
const ENDPOINTS = [
  { name: 'create', method: 'POST', path: /^\/creative_platform\/video\/(i2v|t2v)$/ },
  { name: 'personal', method: 'POST', path: /^\/creative_platform\/video\/list\/personal$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

/** `video_status`: 1 done, 5 generating, 7 and 10 moderated, 8 and 9 failed. */
const DONE = 1;
const FAILURES = new Map([
  [7, 'moderated'],
  [10, 'moderated'],
  [8, 'generation failed'],
  [9, 'generation failed'],
]);

export const pixverse: SiteExtractor = {
  name: 'pixverse',
  hosts: ['pixverse.ai'],
  // Its API (app-api.pixverse.ai) is under its page host; media: test/fixtures/sites/pixverse/.
  mediaHosts: ['media.pixverse.ai'],
  endpoints: ENDPOINTS,
  extract(json, request, endpoint) {
    if (!isRecord(json) || !('ErrCode' in json)) return undefined;
    if (count(json.ErrCode) !== 0) return [];
    switch (endpoint.name as EndpointName) {
      case 'create':
        return readCreated(json.Resp, request);
      case 'personal':
        return Array.isArray(at(json.Resp, 'data')) ? list(at(json.Resp, 'data')).slice(0, MAX_ITEMS).flatMap((item) => readItem(item) ?? []) : undefined;
      default:
        return undefined;
    }
  },
};

/** Create: `Resp.video_id` (or `video_ids[]` when several were asked for). */
function readCreated(resp: unknown, request: SiteRequest): SiteTask[] | undefined {
  const ids = [idOf(at(resp, 'video_id')), ...list(at(resp, 'video_ids')).map(idOf)].filter((id): id is string => id !== undefined);
  if (ids.length === 0) return undefined;
  const body = nestedJson(request.body);
  const prompt = text(at(body, 'prompt'));
  const inputImages = distinctUrls([at(body, 'customer_img_url'), ...list(at(body, 'customer_img_urls'))]);
  return [...new Set(ids)].slice(0, 16).map((taskId) => ({ taskId, status: 'generating', inputImages, videos: [], ...(prompt === undefined ? {} : { prompt }) }));
}

/**
 * One video of the personal list. The input is `customer_paths.customer_img_url` (an extended
 * video's input is the previous video's last frame, `customer_video_last_frame_url`);
 * `first_frame` is a still of the generated video, so it is the cover.
 */
function readItem(item: unknown): SiteTask | undefined {
  const taskId = idOf(at(item, 'video_id'));
  const status = count(at(item, 'video_status'));
  if (!taskId || status === undefined) return undefined;
  const prompt = text(at(item, 'prompt'));
  const inputImages = distinctUrls([at(item, 'customer_paths', 'customer_img_url'), at(item, 'customer_paths', 'customer_video_last_frame_url')]);
  const base = { taskId, inputImages, ...(prompt === undefined ? {} : { prompt }) };
  const failure = FAILURES.get(status);
  // A moderated video keeps its `video_path`, but the site withholds it from the user (empty
  // `url`); rebuilding its URL would undo the site's decision, so it is failed, with no video.
  if (failure) return { ...base, status: 'failed', failure: text(at(item, 'err_msg')) ?? failure, videos: [] };
  if (status !== DONE) return { ...base, status: 'generating', videos: [] };
  const url = httpUrl(at(item, 'url')) ?? mediaUrl(at(item, 'video_path'));
  if (!url || inputImages.includes(url)) return { ...base, status: 'generating', videos: [] };
  const seconds = count(at(item, 'duration'));
  const video = siteVideo(url, {
    cover: httpUrl(at(item, 'first_frame')),
    width: count(at(item, 'output_width')),
    height: count(at(item, 'output_height')),
    durationMs: seconds === undefined ? undefined : seconds * 1000,
  });
  return { ...base, status: 'done', videos: [video] };
}

/** `https://media.pixverse.ai/<video_path>` for a relative path on the media host, else undefined. */
function mediaUrl(path: unknown): string | undefined {
  const relative = text(path);
  if (!relative || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(relative)) return undefined;
  try {
    const url = new URL(relative.replace(/^\/+/, ''), MEDIA_ORIGIN);
    return url.origin === new URL(MEDIA_ORIGIN).origin ? httpUrl(url.href) : undefined;
  } catch {
    return undefined;
  }
}
