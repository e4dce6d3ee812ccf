import { at, count, distinctUrls, httpUrl, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask, SiteVideo } from './site-extractor';

/** Lists are walked this far and no further: a page of drafts holds a few dozen. */
const MAX_ITEMS = 200;

/**
 * Sora web (sora.chatgpt.com), Sora 2: a generation is a task (`task_…`) that `nf/create`
 * starts, `nf/pending/v2` reports while it runs (`progress_pct` 0..1), and that ends as one
 * draft per generated video (`gen_…`, carrying `task_id`) in `project_y/profile/drafts`, later
 * perhaps published as the user's own post (`profile_feed/me`, attachments carrying `task_id`).
 * The task id ties them all into one entry. The public feed (`project_y/feed`) is other
 * people's videos and is not read; nor is `profile_feed/me?filter=liked`. Since 2026 a draft
 * can be extended (`drafts/{gen}/long_video_extension`, a new task whose result lands in the
 * drafts), and the page opens a post through its tree (`post/{s}/tree`), read only for the
 * user's own posts.
 */
const ENDPOINTS = [
  { name: 'create', method: 'POST', path: /^\/backend\/nf\/create(\/storyboard)?$/ },
  { name: 'long-video-extension', method: 'POST', path: /^\/backend\/project_y\/profile\/drafts\/gen_[A-Za-z0-9]+\/long_video_extension$/ },
  { name: 'pending', method: 'GET', path: /^\/backend\/nf\/pending(\/v2)?$/ },
  { name: 'drafts', method: 'GET', path: /^\/backend\/project_y\/profile\/drafts(\/v2)?$/ },
  { name: 'draft', method: 'GET', path: /^\/backend\/project_y\/profile\/drafts\/v2\/gen_[A-Za-z0-9]+$/ },
  { name: 'profile-feed', method: 'GET', path: /^\/backend\/project_y\/profile_feed\/me$/ },
  { name: 'post-tree', method: 'GET', path: /^\/backend\/project_y\/post\/s_[A-Za-z0-9]+\/tree$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

/** Draft kinds that mean the generation failed; the item then carries `reason_str`. */
const FAILED_KINDS = new Set(['sora_error', 'sora_content_violation']);
/** Task statuses of `nf/pending` that are final failures. */
const FAILED_STATUSES = new Set(['failed', 'cancelled', 'canceled', 'rejected']);

export const sora: SiteExtractor = {
  name: 'sora',
  hosts: ['sora.chatgpt.com'],
  // test/fixtures/sites/sora/ (signed links on videos.openai.com).
  mediaHosts: ['videos.openai.com'],
  endpoints: ENDPOINTS,
  extract(json, request, endpoint) {
    switch (endpoint.name as EndpointName) {
      case 'create':
        return readCreated(json, request);
      case 'pending':
        if (Array.isArray(json)) return json.slice(0, MAX_ITEMS).flatMap((item) => readPendingTask(item) ?? []);
        // The live framing hands a top-level array over item by item (src/decode/json-sequence-decoder.ts).
        return isRecord(json) ? oneTask(readPendingTask(json)) : undefined;
      case 'drafts':
        return isRecord(json) && Array.isArray(json.items) ? readDrafts(json.items) : undefined;
      case 'draft':
        return isRecord(json) && idOf(json.task_id) !== undefined ? readDrafts([json]) : undefined;
      case 'profile-feed':
        return isRecord(json) && Array.isArray(json.items) ? readOwnPosts(json.items, request) : undefined;
      case 'long-video-extension':
        return readExtension(json, request);
      case 'post-tree':
        return isRecord(json) && isRecord(json.post) ? readPostTree(json) : undefined;
      default:
        return undefined;
    }
  },
};

/** `nf/create` answers with the new task (at least its `id`); the prompt is the request's. */
function readCreated(json: unknown, request: SiteRequest): SiteTask[] | undefined {
  if (!isRecord(json)) return undefined;
  if (isRecord(json.error)) return [];
  const task = readPendingTask(json);
  if (!task) return undefined;
  const prompt = task.prompt ?? text(at(nestedJson(request.body), 'prompt'));
  return [{ ...task, ...(prompt === undefined ? {} : { prompt }) }];
}

/**
 * `drafts/{gen}/long_video_extension` answers `{id: "task_…"}`: a new task that extends the
 * draft by `extension_duration_s`, with the user's `user_prompt`; its video lands in the drafts.
 */
function readExtension(json: unknown, request: SiteRequest): SiteTask[] | undefined {
  if (isRecord(json) && isRecord(json.error)) return [];
  const taskId = idOf(at(json, 'id'));
  if (!taskId) return undefined;
  const prompt = text(at(nestedJson(request.body), 'user_prompt'));
  return [{ taskId, status: 'generating', inputImages: [], videos: [], ...(prompt === undefined ? {} : { prompt }) }];
}

/**
 * `post/{s}/tree` answers `{post, profile, children, cursor}` for any post the page opens,
 * other people's too: only a post the user owns (`is_owner`, or [I] the right to delete it)
 * is read, and each child (a remix) by the same rule.
 */
function readPostTree(json: Record<string, unknown>): SiteTask[] {
  const owned = (post: unknown): boolean => at(post, 'is_owner') === true || at(post, 'permissions', 'can_delete') === true;
  const wrappers = [{ post: json.post }, ...list(json.children).slice(0, MAX_ITEMS)];
  const mine = wrappers.filter((wrapper) => owned(at(wrapper, 'post')));
  return readPosts(mine);
}

/** One task as a list, or an unknown shape. */
function oneTask(task: SiteTask | undefined): SiteTask[] | undefined {
  return task ? [task] : undefined;
}

/** A task object of `nf/pending/v2` (and of `nf/create`'s answer). */
function readPendingTask(value: unknown): SiteTask | undefined {
  const taskId = idOf(at(value, 'id'));
  if (!taskId) return undefined;
  const prompt = text(at(value, 'prompt'));
  const base = { taskId, inputImages: [], ...(prompt === undefined ? {} : { prompt }) };
  const failure = text(at(value, 'failure_reason'));
  const status = text(at(value, 'status'))?.toLowerCase();
  if (failure || (status && FAILED_STATUSES.has(status))) {
    return { ...base, status: 'failed', failure: failure ?? status ?? 'failed', videos: [] };
  }
  // A finished task lists its generations, each shaped like a draft.
  const videos = list(at(value, 'generations'))
    .slice(0, MAX_ITEMS)
    .flatMap((generation) => videoOf(generation) ?? []);
  if (videos.length > 0) return { ...base, status: 'done', videos };
  const fraction = count(at(value, 'progress_pct'));
  // A share of 1 (0.4 is 40 %); a value above 1 can only already be a percent.
  const percent = fraction === undefined ? undefined : Math.min(100, Math.round(fraction > 1 ? fraction : fraction * 100));
  return { ...base, status: 'generating', videos: [], ...(percent === undefined ? {} : { percent }) };
}

/**
 * Drafts, one per generated video. Several drafts of one task (variants) become one task
 * with several videos, ordered by generation id (time-ordered), so indexes stay stable
 * however the page slices the list.
 */
function readDrafts(items: unknown[]): SiteTask[] {
  const tasks = new Map<string, { task: SiteTask; videos: { id: string; video: SiteVideo }[] }>();
  for (const item of items.slice(0, MAX_ITEMS)) {
    const taskId = idOf(at(item, 'task_id')) ?? idOf(at(item, 'id'));
    if (!taskId) continue;
    const prompt = text(at(item, 'prompt'));
    const kind = text(at(item, 'kind'));
    let entry = tasks.get(taskId);
    if (!entry) {
      entry = { task: { taskId, status: 'generating', inputImages: [], videos: [] }, videos: [] };
      tasks.set(taskId, entry);
    }
    if (prompt !== undefined && entry.task.prompt === undefined) entry.task.prompt = prompt;
    if (kind && FAILED_KINDS.has(kind)) {
      if (entry.videos.length === 0) {
        entry.task.status = 'failed';
        entry.task.failure = text(at(item, 'reason_str')) ?? text(at(item, 'markdown_reason_str')) ?? kind;
      }
      continue;
    }
    const video = videoOf(item);
    if (!video) continue;
    entry.videos.push({ id: idOf(at(item, 'id')) ?? '', video });
    entry.task.status = 'done';
    delete entry.task.failure;
  }
  return [...tasks.values()].map(({ task, videos }) => ({
    ...task,
    videos: videos.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(({ video }) => video),
  }));
}

/**
 * The user's own posts: each attachment is a published generation carrying its `task_id`, so
 * it lands on the same entry as its draft. `filter=liked` lists other people's posts the user
 * liked, and an attachment of a post the user does not own is skipped too.
 */
function readOwnPosts(items: unknown[], request: SiteRequest): SiteTask[] {
  return request.url.searchParams.has('filter') ? [] : readPosts(items);
}

/** Posts (`{post}` wrappers) with their attachments, leaving out any the user does not own. */
function readPosts(items: unknown[]): SiteTask[] {
  const tasks: SiteTask[] = [];
  for (const item of items.slice(0, MAX_ITEMS)) {
    const post = at(item, 'post');
    if (at(post, 'is_owner') === false) continue;
    const caption = text(at(post, 'text'));
    for (const attachment of list(at(post, 'attachments')).slice(0, 20)) {
      const taskId = idOf(at(attachment, 'task_id')) ?? idOf(at(attachment, 'generation_id'));
      const video = videoOf(attachment);
      if (!taskId || !video) continue;
      const prompt = text(at(attachment, 'prompt')) ?? caption;
      tasks.push({ taskId, status: 'done', inputImages: [], videos: [video], ...(prompt === undefined ? {} : { prompt }) });
    }
  }
  return tasks;
}

/** An encoding's URL: `path` on drafts and pending tasks, `url` on post attachments. */
function encoding(item: unknown, key: string): unknown {
  const node = at(item, 'encodings', key);
  return at(node, 'url') ?? at(node, 'path');
}

/**
 * One generation (a draft, a task's generation or a post attachment). Best first: the file
 * without watermark (`download_urls.no_watermark`, `encodings.source`), then the download the
 * site offers (`downloadable_url`, watermarked), then the streams and the gif preview; where
 * `no_watermark` is null (2026), `downloadable_url` first. On drafts
 * `encodings.*.path` may be a storage path, not a URL; `httpUrl` leaves those out.
 */
function videoOf(item: unknown): SiteVideo | undefined {
  // Since 2026 `no_watermark` is null and `downloadable_url` is the full-quality file
  // (`az/files/{uuid}%2Fraw`), while draft encodings hold storage paths.
  const modern = at(item, 'download_urls', 'no_watermark') === null;
  const urls = distinctUrls([
    at(item, 'download_urls', 'no_watermark'),
    modern ? at(item, 'downloadable_url') : undefined,
    encoding(item, 'source'),
    at(item, 'downloadable_url'),
    at(item, 'download_urls', 'watermark'),
    encoding(item, 'source_wm'),
    at(item, 'url'),
    encoding(item, 'md'),
    encoding(item, 'ld'),
    encoding(item, 'gif'),
  ]);
  const [url, ...alternates] = urls;
  if (!url) return undefined;
  const seconds = count(at(item, 'duration_s'));
  return siteVideo(url, {
    cover: httpUrl(encoding(item, 'thumbnail')) ?? httpUrl(encoding(item, 'unfurl')),
    width: count(at(item, 'width')),
    height: count(at(item, 'height')),
    durationMs: seconds === undefined ? undefined : seconds * 1000,
    alternates,
  });
}
