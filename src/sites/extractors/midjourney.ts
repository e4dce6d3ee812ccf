import { at, count, httpUrl, idOf, isRecord, nestedJson, siteVideo, text } from './extract-helpers';
import { mediaUrlFromIds } from './media-url';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask, SiteVideo } from './site-extractor';

/** Lists are walked this far and no further. */
const MAX_ITEMS = 200;
/** A video job makes one to four videos (`--bs`); four when the prompt does not say. */
const DEFAULT_BATCH = 4;
const MAX_BATCH = 4;
/** Prompts are read this far for their words and image links (linear, one split). */
const MAX_PROMPT = 8192;

/** Where Midjourney serves a video job's renditions: no response names them, the page builds them from the job id. */
const VIDEO_URL = 'https://cdn.midjourney.com/video/{job}/{index}.mp4';
const VIDEO_GIF = 'https://cdn.midjourney.com/video/{job}/{index}_N.gif';
/** A grid image of an imagine job: the start frame when a video animates it (an input). */
const GRID_IMAGE = 'https://cdn.midjourney.com/{job}/0_{index}.png';

/**
 * Midjourney video (www.midjourney.com). `submit-jobs` with `t: "video"` starts a video job
 * (its answer lists the new job ids); the user's own jobs list (`/api/imagine?user_id=…`)
 * reports each job's status and percent. No response holds a video URL: the page plays
 * `cdn.midjourney.com/video/{job_id}/{index}.mp4`, built here the same way once the job is
 * completed. A start or end image is given as a URL inside the prompt text (its first word,
 * and after `--end`), or as the grid image of the parent job: inputs, never the video.
 */
const ENDPOINTS = [
  { name: 'submit-jobs', method: 'POST', path: /^\/api\/submit-jobs$/ },
  { name: 'imagine', method: 'GET', path: /^\/api\/imagine$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

const FAILED = new Set(['failed', 'failure', 'error', 'banned', 'moderated', 'cancelled', 'canceled']);

export const midjourney: SiteExtractor = {
  name: 'midjourney',
  hosts: ['midjourney.com'],
  mediaHosts: ['cdn.midjourney.com'],
  endpoints: ENDPOINTS,
  extract(json, request, endpoint) {
    switch (endpoint.name as EndpointName) {
      case 'submit-jobs':
        return readSubmitted(json, request);
      case 'imagine': {
        const jobs = Array.isArray(json) ? json : isRecord(json) ? (json.jobs ?? json.items ?? json.data) : undefined;
        return Array.isArray(jobs) ? jobs.slice(0, MAX_ITEMS).flatMap((job) => readJob(job) ?? []) : undefined;
      }
      default:
        return undefined;
    }
  },
};

/** `submit-jobs`: image jobs report nothing; a video job is generating under each job id of `success`. */
function readSubmitted(json: unknown, request: SiteRequest): SiteTask[] | undefined {
  if (!isRecord(json) || !Array.isArray(json.success)) return undefined;
  const body = nestedJson(request.body);
  if (at(body, 't') !== 'video') return [];
  const parsed = parsePrompt(text(at(body, 'newPrompt')));
  const parent = mediaUrlFromIds(GRID_IMAGE, { job: idOf(at(body, 'parentJob', 'job_id')), index: count(at(body, 'parentJob', 'image_num')) });
  const inputImages = unique([...parsed.inputImages, ...(parent ? [parent] : [])]);
  return json.success.slice(0, MAX_ITEMS).flatMap((job): SiteTask[] => {
    const taskId = idOf(at(job, 'job_id'));
    if (!taskId) return [];
    const prompt = parsed.prompt ?? parsePrompt(text(at(job, 'prompt'))).prompt;
    return [{ taskId, status: 'generating', inputImages, ...(prompt === undefined ? {} : { prompt }), videos: [] }];
  });
}

/** A job of the user's list; only video jobs (`event_type: video_…`, `job_type: vid_…`). */
function readJob(job: unknown): SiteTask | undefined {
  if (!isRecord(job)) return undefined;
  const kind = text(job.event_type) ?? '';
  const type = text(job.job_type) ?? '';
  if (!kind.startsWith('video') && !type.startsWith('vid_')) return undefined;
  const taskId = idOf(job.id);
  if (!taskId) return undefined;
  const command = text(job.full_command) ?? text(job.prompt);
  const parsed = parsePrompt(command);
  const base = { taskId, inputImages: parsed.inputImages, ...(parsed.prompt === undefined ? {} : { prompt: parsed.prompt }), ...(type ? { model: type } : {}) };
  const status = text(job.current_status)?.toLowerCase() ?? '';
  if (FAILED.has(status)) return { ...base, status: 'failed', failure: status, videos: [] };
  if (status === 'completed') {
    const batch = Math.min(MAX_BATCH, Math.max(1, count(job.batch_size) ?? parsed.batch ?? DEFAULT_BATCH));
    const videos: SiteVideo[] = [];
    for (let index = 0; index < batch; index += 1) {
      const url = mediaUrlFromIds(VIDEO_URL, { job: taskId, index });
      if (!url) break;
      videos.push(siteVideo(url, { cover: mediaUrlFromIds(VIDEO_GIF, { job: taskId, index }), width: count(job.width), height: count(job.height) }));
    }
    if (videos.length > 0) return { ...base, status: 'done', videos };
  }
  const percent = count(job.percentage_complete);
  return { ...base, status: 'generating', ...(percent === undefined ? {} : { percent: Math.min(100, percent) }), videos: [] };
}

interface ParsedPrompt {
  prompt: string | undefined;
  inputImages: string[];
  batch: number | undefined;
}

/**
 * `https://…/start.png a cat walks --motion low --end https://…/end.png --bs 1`: leading links
 * are image prompts (the start frame), `--end` names the end frame (or `loop`), `--bs` the
 * batch; the words before the first `--` parameter are the prompt.
 */
function parsePrompt(command: string | undefined): ParsedPrompt {
  const words = (command ?? '').slice(0, MAX_PROMPT).split(/\s+/).filter((word) => word !== '');
  const inputImages: string[] = [];
  const prompt: string[] = [];
  let batch: number | undefined;
  let leading = true;
  let inParameters = false;
  for (const [index, word] of words.entries()) {
    const link = httpUrl(word);
    if (leading && link) {
      inputImages.push(link);
      continue;
    }
    leading = false;
    if (word.startsWith('--')) inParameters = true;
    if (!inParameters) {
      prompt.push(word);
      continue;
    }
    const value = words[index + 1];
    const valueLink = httpUrl(value);
    if (word === '--end' && valueLink) inputImages.push(valueLink);
    if (word === '--bs') batch = count(value);
  }
  return { prompt: text(prompt.join(' ')), inputImages: unique(inputImages), batch };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
