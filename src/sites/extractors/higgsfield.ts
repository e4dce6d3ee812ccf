import { at, distinctUrls, httpUrl, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask } from './site-extractor';

/** Lists are walked this far and no further. */
const MAX_ITEMS = 200;

/**
 * Higgsfield (higgsfield.ai; its pages call fnf.higgsfield.ai). A video is made by
 * `POST /jobs/v2/{job_set_type}` (the model's name), whose answer is a job set with one job
 * per output; the page then polls each job (`GET /jobs/{id}`) until `completed`, when
 * `results.raw` holds the video and its still (`results.min`, where given, a smaller copy).
 * The prompt and the input images (`params.medias[].data.url`, on the same CloudFront as the
 * results) are the request's, or the job's `params` where it echoes them.
 */
const ENDPOINTS = [
  { name: 'create', method: 'POST', path: /^\/jobs\/v2\/[\w-]+$/ },
  { name: 'job', method: 'GET', path: /^\/jobs\/[0-9a-f-]{36}$/i },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

const FAILED = new Set(['failed', 'nsfw', 'canceled', 'cancelled', 'error']);

export const higgsfield: SiteExtractor = {
  name: 'higgsfield',
  hosts: ['higgsfield.ai'],
  apiHosts: ['fnf.higgsfield.ai'],
  mediaHosts: ['d8j0ntlcm91z4.cloudfront.net', 'd2ol7oe51mr4n9.cloudfront.net'],
  endpoints: ENDPOINTS,
  extract(json, request, endpoint) {
    switch (endpoint.name as EndpointName) {
      case 'create':
        return readCreated(json, request);
      case 'job':
        return readJob(json);
      default:
        return undefined;
    }
  },
};

interface JobParams {
  prompt: string | undefined;
  inputImages: string[];
  model: string | undefined;
}

function paramsOf(params: unknown, jobSetType: string | undefined): JobParams {
  return {
    prompt: text(at(params, 'prompt')),
    inputImages: distinctUrls([
      ...list(at(params, 'medias'))
        .slice(0, 20)
        .map((media) => at(media, 'data', 'url')),
      ...list(at(params, 'input_images'))
        .slice(0, 20)
        .map((image) => at(image, 'url') ?? image),
    ]),
    model: jobSetType ?? text(at(params, 'model')),
  };
}

function withParams(taskId: string, params: JobParams): Pick<SiteTask, 'taskId' | 'inputImages' | 'prompt' | 'model'> {
  return {
    taskId,
    inputImages: params.inputImages,
    ...(params.prompt === undefined ? {} : { prompt: params.prompt }),
    ...(params.model === undefined ? {} : { model: params.model }),
  };
}

/** The job set just made: each of its jobs is generating. */
function readCreated(json: unknown, request: SiteRequest): SiteTask[] | undefined {
  if (!isRecord(json) || !Array.isArray(json.job_sets)) return undefined;
  const jobSetType = request.url.pathname.split('/').at(-1);
  const params = paramsOf(at(nestedJson(request.body), 'params'), jobSetType);
  return json.job_sets.slice(0, MAX_ITEMS).flatMap((set) =>
    list(at(set, 'jobs'))
      .slice(0, MAX_ITEMS)
      .flatMap((job): SiteTask[] => {
        const taskId = idOf(at(job, 'id'));
        return taskId ? [{ ...withParams(taskId, params), status: 'generating', videos: [] }] : [];
      }),
  );
}

/** Results of picture jobs, polled at the same path, are left out. */
const IMAGE_FILE = /\.(png|jpe?g|webp|gif|avif)$/i;

/**
 * One job polled: `queued` and `in_progress` are on the way, `completed` has `results.raw`,
 * `failed` and `nsfw` end it. A picture job's result is not a video and reports nothing.
 */
function readJob(json: unknown): SiteTask[] | undefined {
  if (!isRecord(json)) return undefined;
  const taskId = idOf(json.id);
  const status = text(json.status)?.toLowerCase();
  if (!taskId || !status) return undefined;
  const base = withParams(taskId, paramsOf(json.params, text(json.job_set_type)));
  if (FAILED.has(status)) return [{ ...base, status: 'failed', failure: text(json.error) ?? status, videos: [] }];
  const [url, ...alternates] = distinctUrls([at(json, 'results', 'raw', 'url'), at(json, 'results', 'min', 'url')], base.inputImages);
  if (url && IMAGE_FILE.test(new URL(url).pathname)) return [];
  if (status === 'completed' && url) {
    const cover = httpUrl(at(json, 'results', 'raw', 'thumbnail_url')) ?? httpUrl(at(json, 'results', 'min', 'thumbnail_url'));
    return [{ ...base, status: 'done', videos: [siteVideo(url, { cover, alternates })] }];
  }
  return [{ ...base, status: 'generating', videos: [] }];
}
