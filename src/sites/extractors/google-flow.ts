import { at, httpUrl, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtraction, SiteExtractor, SiteRequest, SiteTask } from './site-extractor';

/** Lists are walked this far and no further: a project holds a few hundred media at most. */
const MAX_ITEMS = 300;

/**
 * Google Flow (Veo), the `labs.google/fx/tools/flow` app. The page calls Google's AI sandbox
 * API (`aisandbox-pa.googleapis.com`, JSON bodies sent as `text/plain`) to start videos and poll
 * them, and its own tRPC routes (`labs.google/fx/api/trpc/<router.proc>`, answers wrapped in
 * `{result:{data:{json}}}`) to read the project and to resolve a media id to its link.
 *
 * Two poll contracts are read. In 2025 a task is an operation (`operation.name`) whose finished
 * poll carries the video (`metadata.video.fifeUrl`, no file extension) and a still
 * (`servingBaseUri`). From mid-2026 a task is a media id (`media[].name`); polls and the project
 * read give its status but no URL: the link is the final URL of the redirect that
 * `media.getMediaUrlRedirect?name=<mediaId>` answers with, which the page world reports without
 * reading the video (src/capture/media-redirect.ts). Input images travel as media ids, never
 * URLs; `GET /v1/media/{id}` (the whole video as base64 inside JSON) is not read, nor copied.
 */
const ENDPOINTS = [
  {
    name: 'create',
    method: 'POST',
    path: /^\/v1\/video:batchAsyncGenerateVideo(Text|StartImage|StartAndEndImage|ReferenceImages)$/,
  },
  { name: 'status', method: 'POST', path: /^\/v1\/video:batchCheckAsyncVideoGenerationStatus$/ },
  { name: 'project', method: 'GET', path: /^\/fx\/api\/trpc\/(flow\.projectInitialData|project\.getProjectContents)$/ },
  { name: 'media-redirect', method: 'GET', path: /^\/fx\/api\/trpc\/media\.getMediaUrlRedirect$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

const PREFIX = 'MEDIA_GENERATION_STATUS_';

export const googleFlow: SiteExtractor = {
  name: 'google-flow',
  hosts: ['labs.google'],
  apiHosts: ['aisandbox-pa.googleapis.com'],
  // 2025 links are signed Cloud Storage URLs; 2026 ones are on Flow's own CDN.
  mediaHosts: ['storage.googleapis.com', 'flow-content.google'],
  endpoints: ENDPOINTS,
  extract(json, request, endpoint) {
    switch (endpoint.name as EndpointName) {
      case 'create':
        return readCreated(json, request);
      case 'status':
        return readStatus(json);
      case 'project':
        return readProject(json);
      case 'media-redirect':
        return readRedirect(json, request);
      default:
        return undefined;
    }
  },
};

/** What the create request says of its n-th video: the prompt and the model. */
interface Requested {
  prompt?: string;
  model?: string;
}

/** The request's items, one per video asked for; the body is JSON whatever its content type. */
function requestedVideos(request: SiteRequest): Requested[] {
  return list(at(nestedJson(request.body), 'requests'))
    .slice(0, MAX_ITEMS)
    .map((item) => {
      const prompt = promptOf(at(item, 'textInput'));
      const model = text(at(item, 'videoModelKey'));
      return { ...(prompt === undefined ? {} : { prompt }), ...(model === undefined ? {} : { model }) };
    });
}

/**
 * `textInput.prompt`, or the parts of `textInput.structuredPrompt.parts[]` joined: the text parts,
 * and a reference to a media (an ingredient) by the handle the user typed (`@keeper`). A prompt
 * that is itself JSON is kept as typed.
 */
function promptOf(textInput: unknown): string | undefined {
  const plain = text(at(textInput, 'prompt'));
  if (plain !== undefined) return plain;
  const parts = list(at(textInput, 'structuredPrompt', 'parts'))
    .slice(0, MAX_ITEMS)
    .map((part) => at(part, 'text') ?? at(part, 'reference', 'media', 'handle'))
    .filter((part): part is string => typeof part === 'string');
  return text(parts.join(''));
}

/** The n-th created video's request item: by index when the counts agree, else the only one. */
function requestedAt(requested: Requested[], index: number, total: number): Requested {
  if (requested.length === total) return requested[index] ?? {};
  return requested.length === 1 ? (requested[0] ?? {}) : {};
}

/** The create call answers with the operations (2025) or the media ids (2026) it started. */
function readCreated(json: unknown, request: SiteRequest): SiteExtraction {
  if (!isRecord(json)) return undefined;
  const operations = Array.isArray(json.operations) ? json.operations : undefined;
  const media = Array.isArray(json.media) ? json.media : undefined;
  if (!operations && !media) return isRecord(json.error) ? [] : undefined;
  const requested = requestedVideos(request);
  const items = (operations ?? media ?? []).slice(0, MAX_ITEMS);
  return items.flatMap((item, index) => {
    const task = operations ? readOperation(item) : readMedia(item);
    if (!task) return [];
    const asked = requestedAt(requested, index, items.length);
    const prompt = task.prompt ?? asked.prompt;
    const model = task.model ?? asked.model;
    return [{ ...task, ...(prompt === undefined ? {} : { prompt }), ...(model === undefined ? {} : { model }) }];
  });
}

/** A poll answers in the 2025 contract (`operations[]`) or the 2026 one (`media[]`). */
function readStatus(json: unknown): SiteExtraction {
  if (!isRecord(json)) return undefined;
  if (Array.isArray(json.operations)) return json.operations.slice(0, MAX_ITEMS).flatMap((item) => readOperation(item) ?? []);
  if (Array.isArray(json.media)) return json.media.slice(0, MAX_ITEMS).flatMap((item) => readMedia(item) ?? []);
  return isRecord(json.error) ? [] : undefined;
}

/**
 * One 2025 operation: `{operation:{name, metadata:{video:{fifeUrl, servingBaseUri, prompt,
 * model}}}, status}`. The video (`fifeUrl`) and its still (`servingBaseUri`) come only once done.
 */
function readOperation(item: unknown): SiteTask | undefined {
  const taskId = idOf(at(item, 'operation', 'name'));
  if (!taskId) return undefined;
  const video = at(item, 'operation', 'metadata', 'video');
  const prompt =
    text(at(video, 'prompt')) ??
    text(
      list(at(item, 'operation', 'metadata', 'requestData', 'promptInputs'))
        .map((input) => at(input, 'textInput'))
        .find((value) => typeof value === 'string'),
    );
  const model = text(at(video, 'model'));
  const base = { taskId, inputImages: [], ...(prompt === undefined ? {} : { prompt }), ...(model === undefined ? {} : { model }) };
  const status = statusWord(at(item, 'status'));
  if (status === 'FAILED' || status === 'CANCELLED') return { ...base, status: 'failed', failure: failureOf(item, status), videos: [] };
  const url = httpUrl(at(video, 'fifeUrl'));
  if (url && (status === 'SUCCESSFUL' || status === undefined)) {
    return { ...base, status: 'done', videos: [siteVideo(url, { cover: httpUrl(at(video, 'servingBaseUri')) })] };
  }
  return { ...base, status: 'generating', videos: [], ...(status === 'SUCCESSFUL' ? { percent: 100 } : {}) };
}

/**
 * One 2026 media item: `{name, workflowId, mediaMetadata:{mediaStatus:{mediaGenerationStatus,
 * failureReasons}}, video:{…}}`. No URL is ever in it: a finished video stays `generating` at
 * 100 % until the page resolves its link (`media-redirect`), which makes it done.
 */
function readMedia(item: unknown): SiteTask | undefined {
  const taskId = idOf(at(item, 'name'));
  if (!taskId) return undefined;
  const model = text(at(item, 'video', 'generatedVideo', 'model'));
  const base = { taskId, inputImages: [], videos: [], ...(model === undefined ? {} : { model }) };
  const status = statusWord(at(item, 'mediaMetadata', 'mediaStatus', 'mediaGenerationStatus'));
  if (status === 'FAILED' || status === 'CANCELLED') {
    return { ...base, status: 'failed', failure: failureOf(at(item, 'mediaMetadata', 'mediaStatus'), status) };
  }
  return { ...base, status: 'generating', ...(status === 'SUCCESSFUL' ? { percent: 100 } : {}) };
}

/**
 * The project read (tRPC, alone or batched): `projectContents.media[]`, the same media items as
 * the 2026 poll. Only videos are read: image generations and uploads sit in the same list.
 */
function readProject(json: unknown): SiteExtraction {
  const envelopes = Array.isArray(json) ? json.slice(0, 20) : [json];
  let known = false;
  const tasks: SiteTask[] = [];
  for (const envelope of envelopes) {
    if (isRecord(envelope) && isRecord(envelope.error)) {
      known = true;
      continue;
    }
    const data = at(envelope, 'result', 'data', 'json');
    const contents = isRecord(at(data, 'projectContents')) ? at(data, 'projectContents') : data;
    const media = at(contents, 'media');
    if (!Array.isArray(media)) continue;
    known = true;
    for (const item of media.slice(0, MAX_ITEMS)) {
      if (!isRecord(item) || !isRecord(item.video)) continue;
      const task = readMedia(item);
      if (task) tasks.push(task);
    }
  }
  return known ? tasks : undefined;
}

/**
 * The final URL of `media.getMediaUrlRedirect?name=<mediaId>` (the page world's report, read as
 * a JSON string): the media id's video. An image's redirect (`/image/<id>`) is not a video.
 */
function readRedirect(json: unknown, request: SiteRequest): SiteExtraction {
  if (typeof json !== 'string') return undefined;
  const taskId = idOf(request.url.searchParams.get('name'));
  const url = httpUrl(json);
  if (!taskId || !url || !/\/video\//.test(new URL(url).pathname)) return [];
  return [{ taskId, status: 'done', inputImages: [], videos: [siteVideo(url, {})] }];
}

/** `MEDIA_GENERATION_STATUS_SUCCESSFUL` → `SUCCESSFUL`; `ACTIVE`, `IN_PROGRESS`… read as running. */
function statusWord(value: unknown): string | undefined {
  const word = text(value)?.toUpperCase();
  return word?.startsWith(PREFIX) ? word.slice(PREFIX.length) : word;
}

/** The site's reasons for a failure (`failureReasons: ["PROMINENT_PERSON"]`), or the status. */
function failureOf(node: unknown, status: string): string {
  const reasons = list(at(node, 'failureReasons'))
    .slice(0, 10)
    .map((reason) => text(reason))
    .filter((reason): reason is string => reason !== undefined);
  return reasons.length > 0 ? reasons.join(', ') : (text(at(node, 'error', 'message')) ?? status.toLowerCase());
}
