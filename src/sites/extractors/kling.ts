import { at, count, distinctUrls, httpUrl, idOf, isRecord, list, nestedJson, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtraction, SiteExtractor, SiteRequest, SiteTask, SiteVideo } from './site-extractor';

/**
 * Kling web (klingai.com, app.klingai.com, klingai.kuaishou.com): submit a task, then poll its
 * status until it holds `works[]`. The video is `works[].resource.resource`; the prompt lives in
 * `arguments[{name:"prompt",value}]`. Shapes: yihong0618/klingCreator and other public
 * clients, see test/fixtures/sites/kling/README.md.
 */

/** Items of a list walked at most. */
const MAX_ITEMS = 200;

const ENDPOINTS = [
  { name: 'submit', method: 'POST', path: /^\/api\/task\/submit\/?$/ },
  { name: 'status', method: 'GET', path: /^\/api\/task\/status\/?$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

/** `data.status` of a submission refused at once (klingCreator reads `data.message` then). */
const REJECTED = 7;
/** From 90 up a task is final (klingCreator stops polling there); without works it failed. */
const FINAL = 90;

export const kling: SiteExtractor = {
  name: 'kling',
  hosts: ['klingai.com', 'klingai.kuaishou.com'],
  // Videos on v1-fdl.kechuangai.com, stills on p1-fdl.klingai.com: test/fixtures/sites/kling/README.md.
  mediaHosts: ['kechuangai.com', 'p1-fdl.klingai.com', 'p2-fdl.klingai.com'],
  endpoints: ENDPOINTS,
  extract(json: unknown, request: SiteRequest, endpoint: SiteEndpoint): SiteExtraction {
    // The envelope is `{status: 200, result: 1, data}`; anything else is an error (logged out, signature refused…).
    if (!isRecord(json) || (json.result === undefined && json.status === undefined)) return undefined;
    if ((json.result !== undefined && json.result !== 1) || (typeof json.status === 'number' && json.status !== 200)) return [];
    if (!isRecord(json.data)) return json.data === null ? [] : undefined;
    switch (endpoint.name as EndpointName) {
      case 'submit':
        return readSubmit(json.data, request);
      case 'status':
        return readStatus(json.data, request);
      default:
        return undefined;
    }
  },
};

/** The submission: the task id, and what was asked (in the request; the answer may echo it). */
function readSubmit(data: Record<string, unknown>, request: SiteRequest): SiteExtraction {
  const task = data.task;
  const taskId = idOf(at(task, 'id'));
  const body = nestedJson(request.body);
  // A submission refused before a task exists has nothing to be stored under.
  if (!taskId) return count(data.status) === REJECTED ? [] : undefined;
  if (isImageTask(text(at(body, 'type')) ?? taskType(task))) return [];
  const result = baseTask(taskId, [body, at(task, 'taskInfo'), task]);
  if (count(data.status) === REJECTED) return [{ ...result, status: 'failed', failure: text(data.message) }];
  return [result];
}

/** A poll: `data.status`, the task echo and, once done, `works[]`. */
function readStatus(data: Record<string, unknown>, request: SiteRequest): SiteExtraction {
  const task = data.task;
  const taskId = idOf(at(task, 'id')) ?? idOf(request.url.searchParams.get('taskId'));
  const status = count(data.status);
  if (!taskId || status === undefined) return undefined;
  // The same endpoint runs image tasks (`mmu_…`); their works are pictures.
  if (isImageTask(taskType(task))) return [];
  const result = baseTask(taskId, [at(task, 'taskInfo'), task]);
  const videos = list(data.works)
    .slice(0, MAX_ITEMS)
    .flatMap((work) => {
      const video = readWork(work, result.inputImages);
      return video ? [video] : [];
    });
  // Done is read from the works themselves: the public clients disagree on which final code means success.
  if (videos.length > 0) return [{ ...result, status: 'done', videos }];
  if (status >= FINAL || status === REJECTED) return [{ ...result, status: 'failed', failure: text(data.message) }];
  return [result];
}

/** The prompt and input images of a task, from the first of `sources` that has them. */
function baseTask(taskId: string, sources: unknown[]): SiteTask {
  const prompt = sources.map((source) => argument(source, 'prompt') ?? argument(source, 'multi_shots_prompt')).find((value) => value !== undefined);
  const inputImages = distinctUrls(sources.flatMap((source) => list(at(source, 'inputs')).slice(0, MAX_ITEMS).map((input) => at(input, 'url'))));
  return { taskId, status: 'generating', prompt, inputImages, videos: [] };
}

/** `arguments[{name, value}]` → the value of `name`. */
function argument(source: unknown, name: string): string | undefined {
  const found = list(at(source, 'arguments'))
    .slice(0, MAX_ITEMS)
    .find((item) => at(item, 'name') === name);
  return text(at(found, 'value'));
}

function taskType(task: unknown): string | undefined {
  return text(at(task, 'type')) ?? text(at(task, 'taskInfo', 'type'));
}

/** `m2v_…` tasks make videos; `mmu_…` (txt2img, img2img) make pictures. */
function isImageTask(type: string | undefined): boolean {
  return type !== undefined && /^mmu_/i.test(type);
}

/** One work: a video when it says so (`contentType`), or when its link is not a picture. */
function readWork(work: unknown, inputImages: readonly string[]): SiteVideo | undefined {
  const url = httpUrl(at(work, 'resource', 'resource'));
  if (!url || inputImages.includes(url)) return undefined;
  const kind = text(at(work, 'contentType'));
  if (kind ? !/video/i.test(kind) : /\.(jpe?g|png|webp|gif)$/i.test(new URL(url).pathname)) return undefined;
  return {
    url,
    cover: distinctUrls([at(work, 'cover', 'resource'), at(list(at(work, 'coverList'))[0], 'resource')], [url, ...inputImages])[0],
    width: count(at(work, 'resource', 'width')) || undefined,
    height: count(at(work, 'resource', 'height')) || undefined,
    // Milliseconds (a public client stores it as `duration_ms`).
    durationMs: count(at(work, 'resource', 'duration')) || undefined,
  };
}
