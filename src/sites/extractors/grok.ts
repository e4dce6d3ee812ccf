import { at, count, distinctUrls, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import { mediaUrlOn } from './media-url';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask, SiteVideo } from './site-extractor';

/** Lists are walked this far and no further (the assets page holds at most 60). */
const MAX_ITEMS = 200;
/** Posts nest: an image, its videos, their extensions. Deeper trees are not walked. */
const MAX_DEPTH = 4;
/** Where the app serves what it names by a relative storage path (`users/…/generated_video.mp4`). */
const MEDIA_ORIGIN = 'https://assets.grok.com/';

/**
 * Grok Imagine (grok.com/imagine). A video is made by `conversations/new`, whose answer is a
 * stream of JSON lines: progress frames of the video post (`videoPostId`), the last at 100 with
 * a `videoUrl` (a storage path relative to assets.grok.com), none when `moderated`. The user's
 * library is the post list and one post's tree (the top post is usually the source image, its
 * videos and their extensions are `childPosts[]`) and, since mid-2026, `/rest/assets`, rows
 * whose storage path names the video post (`users/<uid>/generated/<postId>/…`) and whose
 * prompt sits in a one-of `mediaGenInput.<kind>.prompt`. The post id ties them together.
 */
const ENDPOINTS = [
  { name: 'conversation', method: 'POST', path: /^\/rest\/app-chat\/conversations\/new$/, framing: 'json-lines' },
  { name: 'post-list', method: 'POST', path: /^\/rest\/media\/post\/list$/ },
  { name: 'post-get', method: 'POST', path: /^\/rest\/media\/post\/get$/ },
  { name: 'assets', method: 'GET', path: /^\/rest\/assets$/ },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

export const grok: SiteExtractor = {
  name: 'grok',
  hosts: ['grok.com'],
  mediaHosts: ['assets.grok.com', 'imagine-public.x.ai'],
  endpoints: ENDPOINTS,
  extract(json, request, endpoint) {
    switch (endpoint.name as EndpointName) {
      case 'conversation':
        return readStreamLine(json, request);
      case 'post-list':
        return isRecord(json) && Array.isArray(json.posts) ? json.posts.slice(0, MAX_ITEMS).flatMap((post) => readPostTree(post, [], 0)) : undefined;
      case 'post-get':
        return isRecord(json) && isRecord(json.post) ? readPostTree(json.post, [], 0) : undefined;
      case 'assets':
        return isRecord(json) && Array.isArray(json.assets) ? json.assets.slice(0, MAX_ITEMS).flatMap((asset) => readAsset(asset) ?? []) : undefined;
      default:
        return undefined;
    }
  },
};

/**
 * One line of the stream. Lines other than the video's (the conversation, the user's turn,
 * tokens, image frames) report nothing; a line that is not `{result: …}` is unknown.
 */
function readStreamLine(json: unknown, request: SiteRequest): SiteTask[] | undefined {
  if (!isRecord(json) || !isRecord(json.result)) return undefined;
  const frame = at(json, 'result', 'response', 'streamingVideoGenerationResponse');
  if (!isRecord(frame)) return [];
  const taskId = idOf(frame.videoPostId) ?? idOf(frame.videoId);
  if (!taskId) return [];
  const body = nestedJson(request.body);
  const prompt = oneOfPrompt(at(body, 'mediaGenInput')) ?? withoutModeFlag(text(at(body, 'message'))) ?? text(frame.videoPrompt);
  const model = text(frame.modelName);
  const inputImages = distinctUrls([mediaUrlOn(frame.imageReference, MEDIA_ORIGIN)]);
  const base = { taskId, inputImages, ...(prompt === undefined ? {} : { prompt }), ...(model === undefined ? {} : { model }) };
  if (frame.moderated === true) return [{ ...base, status: 'failed', failure: 'moderated', videos: [] }];
  const progress = count(frame.progress);
  const url = mediaUrlOn(frame.videoUrl, MEDIA_ORIGIN);
  if (progress === 100 && url && !inputImages.includes(url)) {
    const video = siteVideo(url, {
      cover: mediaUrlOn(frame.thumbnailImageUrl, MEDIA_ORIGIN),
      width: count(frame.width),
      height: count(frame.height),
    });
    return [{ ...base, status: 'done', videos: [video] }];
  }
  return [{ ...base, status: 'generating', ...(progress === undefined ? {} : { percent: Math.min(progress, 100) }), videos: [] }];
}

/**
 * A post and what nests under it. An image post is never a video: its picture is the input
 * of the videos among its children. A video post is a task; its children are its extensions.
 */
function readPostTree(post: unknown, inputs: string[], depth: number): SiteTask[] {
  if (!isRecord(post) || depth >= MAX_DEPTH) return [];
  const own = mediaUrlOn(post.mediaUrl, MEDIA_ORIGIN);
  const isVideo = post.mediaType === 'MEDIA_POST_TYPE_VIDEO';
  const itemInputs = distinctUrls(list(post.inputMediaItems).slice(0, 20).map((item) => mediaUrlOn(isRecord(item) ? (item.mediaUrl ?? item.url) : item, MEDIA_ORIGIN)));
  const childInputs = isVideo ? inputs : distinctUrls([own, ...inputs]);
  const task = isVideo ? readVideoPost(post, distinctUrls([...inputs, ...itemInputs])) : undefined;
  const children = list(post.childPosts)
    .slice(0, MAX_ITEMS)
    .flatMap((child) => readPostTree(child, childInputs, depth + 1));
  return task ? [task, ...children] : children;
}

function readVideoPost(post: Record<string, unknown>, inputImages: string[]): SiteTask | undefined {
  const taskId = idOf(post.id);
  if (!taskId) return undefined;
  const prompt = withoutModeFlag(text(post.originalPrompt) ?? text(post.prompt));
  const model = text(post.modelName);
  const base = { taskId, inputImages, ...(prompt === undefined ? {} : { prompt }), ...(model === undefined ? {} : { model }) };
  if (post.moderated === true) return { ...base, status: 'failed', failure: 'moderated', videos: [] };
  const [url, ...alternates] = distinctUrls([mediaUrlOn(post.hdMediaUrl, MEDIA_ORIGIN), mediaUrlOn(post.mediaUrl, MEDIA_ORIGIN)], inputImages);
  if (!url) return { ...base, status: 'generating', videos: [] };
  const video: SiteVideo = siteVideo(url, {
    cover: mediaUrlOn(post.thumbnailImageUrl, MEDIA_ORIGIN),
    width: count(at(post, 'resolution', 'width')),
    height: count(at(post, 'resolution', 'height')),
    durationMs: secondsToMs(count(post.videoDuration)),
    alternates,
  });
  return { ...base, status: 'done', videos: [video] };
}

/**
 * One row of `/rest/assets`: only the user's generated videos. Pictures, the stock pictures
 * and voices every account gets (no `mediaGenInput`), the user's uploads and deleted rows are
 * left out. The task is the post the storage path names, else the asset's own id.
 */
function readAsset(asset: unknown): SiteTask | undefined {
  if (!isRecord(asset) || asset.isDeleted === true) return undefined;
  if (!text(asset.mimeType)?.toLowerCase().startsWith('video/')) return undefined;
  if (!isRecord(asset.mediaGenInput) || asset.fileSource === 'IMAGINE_SELF_UPLOAD_FILE_SOURCE') return undefined;
  const key = text(asset.key);
  const url = mediaUrlOn(key, MEDIA_ORIGIN);
  const taskId = postIdOfKey(key) ?? idOf(asset.assetId);
  if (!url || !taskId) return undefined;
  const branch = oneOfBranch(asset.mediaGenInput);
  const prompt = withoutModeFlag(text(at(branch, 'prompt')));
  const model = text(at(branch, 'modelName'));
  return {
    taskId,
    status: 'done',
    inputImages: [],
    ...(prompt === undefined ? {} : { prompt }),
    ...(model === undefined ? {} : { model }),
    videos: [siteVideo(url, { width: count(asset.width), height: count(asset.height) })],
  };
}

/** The one set branch of a one-of (`{textToVideo: {…}}`, `{imageToVideo: {…}}` …). */
function oneOfBranch(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  for (const branch of Object.values(value)) if (isRecord(branch)) return branch;
  return undefined;
}

function oneOfPrompt(value: unknown): string | undefined {
  return withoutModeFlag(text(at(oneOfBranch(value), 'prompt')));
}

/** `users/<uid>/generated/<postId>/generated_video.mp4` → the post id. */
function postIdOfKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const marker = '/generated/';
  const start = key.indexOf(marker);
  if (start < 0) return undefined;
  const id = key.slice(start + marker.length).split('/', 1)[0] ?? '';
  return /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : undefined;
}

/** The page appends its mode to the prompt it sends (`… --mode=custom`); the user did not write it. */
function withoutModeFlag(prompt: string | undefined): string | undefined {
  if (prompt === undefined) return undefined;
  const flag = prompt.lastIndexOf('--mode=');
  if (flag < 0 || /\s/.test(prompt.slice(flag))) return prompt;
  return text(prompt.slice(0, flag));
}

function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : seconds * 1000;
}
