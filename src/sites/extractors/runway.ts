import { at, count, distinctUrls, httpUrl, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask, SiteVideo } from './site-extractor';

/** Lists are walked this far and no further. */
const MAX_ITEMS = 200;

/**
 * Runway (app.runwayml.com; its pages call api.runwayml.com). Every call reports task objects
 * `{id, taskType, status, progressRatio, options, error, artifacts[]}`: the create (`POST
 * /v1/tasks`, whose answer may hold only the id and status, the prompt then being the
 * request's), one task polled, and the team's task list. `progressRatio` is a decimal string
 * (`"0.68"`). A finished video is an artifact's `url`, its still `previewUrls[0]`. The list
 * mixes in picture and workflow tasks, which are left out; reference and init images
 * (`options.referenceImages[]`, `gen2Options.init_image`) are inputs.
 */
const ENDPOINTS = [
  { name: 'create', method: 'POST', path: /^\/v1\/tasks$/ },
  { name: 'task', method: 'GET', path: /^\/v1\/tasks\/[0-9a-f-]{36}$/i },
  { name: 'tasks', method: 'GET', path: /^\/v1\/tasks$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

/** Task types that make pictures or run workflows, not videos (`text_to_image`, `expand_image`, `dynamic_workflow` …). */
const NOT_VIDEO = /image|workflow/i;
const FAILED = new Set(['FAILED', 'CANCELLED', 'CANCELED']);
const VIDEO_FILE = /\.(mp4|mov|webm|m4v)$/i;

export const runway: SiteExtractor = {
  name: 'runway',
  hosts: ['app.runwayml.com'],
  apiHosts: ['api.runwayml.com'],
  mediaHosts: ['dnznrvs05pmza.cloudfront.net'],
  endpoints: ENDPOINTS,
  extract(json, request, endpoint) {
    switch (endpoint.name as EndpointName) {
      case 'create':
        return readCreated(json, request);
      case 'task':
        return isRecord(json) && isRecord(json.task) ? optional(readTask(json.task, undefined)) : undefined;
      case 'tasks':
        return isRecord(json) && Array.isArray(json.tasks) ? json.tasks.slice(0, MAX_ITEMS).flatMap((task) => readTask(task, undefined) ?? []) : undefined;
      default:
        return undefined;
    }
  },
};

/** The create's answer; a queue refusal (`{error: "Too many tasks…"}`, HTTP 429) starts no task and reports none. */
function readCreated(json: unknown, request: SiteRequest): SiteTask[] | undefined {
  if (!isRecord(json)) return undefined;
  if (!isRecord(json.task)) return json.error !== undefined ? [] : undefined;
  return optional(readTask(json.task, nestedJson(request.body)));
}

function optional(task: SiteTask | undefined): SiteTask[] {
  return task ? [task] : [];
}

/** A task object; `requestBody` fills in the type and options the create's answer leaves out. */
function readTask(task: unknown, requestBody: unknown): SiteTask | undefined {
  if (!isRecord(task)) return undefined;
  const taskId = idOf(task.id);
  if (!taskId) return undefined;
  const taskType = text(task.taskType) ?? text(at(requestBody, 'taskType'));
  if (taskType !== undefined && NOT_VIDEO.test(taskType)) return undefined;
  const options = isRecord(task.options) ? task.options : at(requestBody, 'options');
  const prompt = text(at(options, 'textPrompt')) ?? text(at(options, 'gen2Options', 'text_prompt')) ?? text(at(options, 'text_prompt'));
  const inputImages = distinctUrls([
    ...list(at(options, 'referenceImages'))
      .slice(0, 20)
      .map((image) => at(image, 'url')),
    at(options, 'gen2Options', 'init_image'),
    at(options, 'gen2Options', 'image_prompt'),
    at(options, 'init_image'),
    at(options, 'image_prompt'),
  ]);
  const base = { taskId, inputImages, ...(prompt === undefined ? {} : { prompt }), ...(taskType === undefined ? {} : { model: taskType }) };
  const status = text(task.status)?.toUpperCase() ?? '';
  if (FAILED.has(status)) return { ...base, status: 'failed', failure: failureText(task.error) ?? status.toLowerCase(), videos: [] };
  const videos = list(task.artifacts)
    .slice(0, 20)
    .flatMap((artifact) => artifactVideo(artifact, inputImages) ?? []);
  if (status === 'SUCCEEDED') {
    // A finished task with no video among its artifacts made something else.
    return videos.length > 0 ? { ...base, status: 'done', videos } : undefined;
  }
  const ratio = count(task.progressRatio);
  const percent = ratio === undefined ? undefined : Math.min(100, Math.round(ratio * 100));
  return { ...base, status: 'generating', ...(percent === undefined ? {} : { percent }), videos: [] };
}

/** An artifact that is a video: a video file name or URL, or a duration in its metadata. */
function artifactVideo(artifact: unknown, inputImages: string[]): SiteVideo | undefined {
  const url = httpUrl(at(artifact, 'url'));
  if (!url || inputImages.includes(url)) return undefined;
  const file = text(at(artifact, 'filename')) ?? new URL(url).pathname;
  const duration = count(at(artifact, 'metadata', 'duration'));
  if (!VIDEO_FILE.test(file) && duration === undefined) return undefined;
  return siteVideo(url, {
    cover: httpUrl(at(artifact, 'previewUrls', 0)),
    width: count(at(artifact, 'metadata', 'size', 'width')) ?? count(at(artifact, 'metadata', 'dimensions', 0)),
    height: count(at(artifact, 'metadata', 'size', 'height')) ?? count(at(artifact, 'metadata', 'dimensions', 1)),
    durationMs: duration === undefined ? undefined : duration * 1000,
  });
}

/** `error` is an object `{errorMessage, reason}` or, in older answers, a string. */
function failureText(error: unknown): string | undefined {
  return text(error) ?? text(at(error, 'errorMessage')) ?? text(at(error, 'reason')) ?? text(at(error, 'message'));
}
