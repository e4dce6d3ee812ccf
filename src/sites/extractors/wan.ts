import { at, count, distinctUrls, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtraction, SiteExtractor, SiteRequest, SiteVideo } from './site-extractor';

/**
 * Wan (create.wan.video) and 通义万相 (its Chinese hosts, which serve the same `/wanx/api/*`
 * family): a task is created by `common/imageGen` (named for images, used for video too: the
 * answer's `data` is the bare task id) and polled by `common/v2/taskResult`, whose
 * `taskResult[]` holds the clean download, the watermarked copy and the first frame. Shapes:
 * test/fixtures/sites/wan/README.md. Image tasks (`mediaType: "image"`) are not videos and
 * report nothing.
 */

const MAX_ITEMS = 50;

const ENDPOINTS = [
  { name: 'image-gen', method: 'POST', path: /^\/wanx\/api\/common\/imageGen\/?$/ },
  { name: 'task-result', method: 'POST', path: /^\/wanx\/api\/common\/v2\/taskResult\/?$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

/** Task types the create body names that make a video. */
const VIDEO_TASK = /video/i;

export const wan: SiteExtractor = {
  name: 'wan',
  hosts: ['create.wan.video', 'wanxiang.aliyun.com'],
  mediaHosts: ['wanx.alicdn.com', 'aliyuncs.com', 'alicdn.com'],
  endpoints: ENDPOINTS,
  extract(json: unknown, request: SiteRequest, endpoint: SiteEndpoint): SiteExtraction {
    if (!isRecord(json) || typeof json.success !== 'boolean') return undefined;
    if (!json.success) return [];
    switch (endpoint.name as EndpointName) {
      case 'image-gen':
        return readCreate(json, request);
      case 'task-result':
        return readTask(json.data);
      default:
        return undefined;
    }
  },
};

/** `{success, data:"<taskId>"}`; the prompt and the task type are in the request body. */
function readCreate(json: Record<string, unknown>, request: SiteRequest): SiteExtraction {
  const taskId = idOf(json.data);
  if (!taskId) return undefined;
  const body = nestedJson(request.body);
  const type = text(at(body, 'taskType'));
  if (!type || !VIDEO_TASK.test(type)) return [];
  const input = at(body, 'taskInput');
  const prompt = text(at(input, 'prompt')) ?? text(at(input, 'promptMeta', 'originPrompt'));
  return [{ taskId, status: 'generating', ...(prompt === undefined ? {} : { prompt }), inputImages: inputImagesOf(input), videos: [] }];
}

/**
 * One task record: `taskRate` 0–100 while it runs, `errorMsg` when it failed, `taskResult[]`
 * once done. The status codes are not public; a result list with a URL is done whatever the
 * code says.
 */
function readTask(record: unknown): SiteExtraction {
  const taskId = idOf(at(record, 'taskId'));
  if (!isRecord(record) || !taskId) return undefined;
  const mediaType = text(record.mediaType);
  const taskType = text(record.taskType);
  if ((mediaType && mediaType !== 'video') || (!mediaType && taskType && !VIDEO_TASK.test(taskType))) return [];
  const input = record.taskInput;
  const prompt = text(at(input, 'prompt'));
  const inputImages = inputImagesOf(input);
  const base = { taskId, ...(prompt === undefined ? {} : { prompt }), inputImages };
  const videos = list(record.taskResult)
    .slice(0, MAX_ITEMS)
    .flatMap((result) => videoOf(result, inputImages) ?? []);
  if (videos.length > 0) return [{ ...base, status: 'done', videos }];
  const failure = text(record.errorMsg);
  if (failure) return [{ ...base, status: 'failed', failure, videos: [] }];
  const percent = count(record.taskRate);
  return [{ ...base, status: 'generating', ...(percent === undefined ? {} : { percent: Math.min(100, percent) }), videos: [] }];
}

/**
 * One result: the clean `downloadUrl` (or `resizeUrlWithoutLogo`, `url`) first, the watermarked
 * `downloadUrlWithLogo` and the resized copy as alternates. `vagueUrl` (a blurred placeholder)
 * and `musicCover` are never taken; `videoFirstFrameUrl` is the cover.
 */
function videoOf(result: unknown, inputImages: string[]): SiteVideo | undefined {
  const [url, ...alternates] = distinctUrls(
    [at(result, 'downloadUrl'), at(result, 'resizeUrlWithoutLogo'), at(result, 'url'), at(result, 'downloadUrlWithLogo'), at(result, 'resizeUrl')],
    inputImages,
  );
  if (!url) return undefined;
  const cover = distinctUrls([at(result, 'videoFirstFrameUrl')], [url, ...inputImages])[0];
  return siteVideo(url, { cover, alternates });
}

/** [I] The images an image-to-video or reference task starts from (`baseImage`, `firstFrame`…, `refImages[]`). */
function inputImagesOf(input: unknown): string[] {
  return distinctUrls([
    at(input, 'baseImage'),
    at(input, 'firstFrameUrl'),
    at(input, 'lastFrameUrl'),
    at(input, 'imageUrl'),
    ...list(at(input, 'refImages')).slice(0, 20).map((image) => (typeof image === 'string' ? image : at(image, 'url'))),
  ]);
}
