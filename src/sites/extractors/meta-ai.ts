import { at, count, distinctUrls, httpUrl, idOf, isRecord, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtraction, SiteExtractor, SiteRequest, SiteTask } from './site-extractor';

/**
 * Meta AI (www.meta.ai), Imagine video: every call is `POST /api/graphql` with a persisted
 * query id (`doc_id`) that changes with deploys, so the answer is read by its shape, never by
 * the id. It comes as SSE or as `multipart/mixed` parts of JSON (the session reads either,
 * src/background/site-capture-session.ts). Three shapes carry videos:
 * `sendMessageStream.videos[]` (the chat answer: ids first, `url` null until it is ready),
 * `createRouteMedia` (one media by id) and `mediaLibraryFeed.edges[].node.videos[]` (the
 * user's own library). Each video is one task, keyed by its media id. `sourceMedia.url` is the
 * image (or video) the user started from: an input, never the result. Every other GraphQL
 * answer of the site reports nothing. Shapes: test/fixtures/sites/meta-ai/README.md.
 */

const MAX_ITEMS = 200;

const ENDPOINTS = [{ name: 'graphql', method: 'POST', path: /^\/api\/graphql\/?$/, framing: 'multipart' }] as const satisfies readonly SiteEndpoint[];

export const metaAi: SiteExtractor = {
  name: 'meta-ai',
  hosts: ['meta.ai'],
  mediaHosts: ['fbcdn.net'],
  endpoints: ENDPOINTS,
  extract(json: unknown, request: SiteRequest): SiteExtraction {
    if (!isRecord(json)) return undefined;
    const data = json.data;
    // `{errors}`, `{hasNext:false}` (the closing part) and the many other queries of the page.
    if (!isRecord(data)) return json.errors !== undefined || json.hasNext !== undefined || json.incremental !== undefined ? [] : undefined;
    const asked = askedFor(request);
    const tasks: SiteTask[] = [];
    const stream = data.sendMessageStream;
    for (const video of list(at(stream, 'videos')).slice(0, MAX_ITEMS)) pushVideo(tasks, video, asked, true);
    const media = data.createRouteMedia;
    if (isRecord(media) && looksLikeVideo(media)) pushVideo(tasks, media, asked, false);
    for (const edge of list(at(data, 'mediaLibraryFeed', 'edges')).slice(0, MAX_ITEMS)) {
      for (const video of list(at(edge, 'node', 'videos')).slice(0, MAX_ITEMS)) pushVideo(tasks, video, { inputImages: [] }, false);
    }
    return tasks;
  },
};

/**
 * The prompt and source media of the request (`variables.imagineOperationRequest`): the
 * video prompt sits under `textToImageParams` even for text to video, or under
 * `imageToVideoParams`; an extension names the video it extends (`extendVideoParams`).
 */
function askedFor(request: SiteRequest): { prompt?: string; inputImages: string[] } {
  const operation = at(nestedJson(request.body), 'variables', 'imagineOperationRequest');
  if (!isRecord(operation)) return { inputImages: [] };
  const prompt =
    text(at(operation, 'imageToVideoParams', 'prompt')) ?? text(at(operation, 'textToImageParams', 'prompt')) ?? text(at(operation, 'extendVideoParams', 'prompt'));
  const inputImages = distinctUrls([at(operation, 'extendVideoParams', 'sourceMediaUrl'), at(operation, 'imageToVideoParams', 'sourceMediaUrl')]);
  return { ...(prompt === undefined ? {} : { prompt }), inputImages };
}

/**
 * [I] `createRouteMedia` answers for images too: it is a video when its type or file says so
 * (`__typename`/`mediaType` naming video, a `.mp4` download name or URL path).
 */
function looksLikeVideo(media: Record<string, unknown>): boolean {
  const kind = `${text(media.__typename) ?? ''} ${text(media.mediaType) ?? ''} ${text(media.media_type) ?? ''}`;
  if (/video/i.test(kind)) return true;
  if (/\.mp4$/i.test(text(media.downloadableFileName) ?? '')) return true;
  const url = httpUrl(media.url);
  return url !== undefined && /\.mp4$/i.test(new URL(url).pathname);
}

/** One video object: `{id, url, fallbackUrl, thumbnail, prompt, width, height, sourceMedia:{url}}`. */
function pushVideo(tasks: SiteTask[], video: unknown, asked: { prompt?: string; inputImages: string[] }, streaming: boolean): void {
  const taskId = idOf(at(video, 'id'));
  if (!taskId) return;
  const inputImages = distinctUrls([at(video, 'sourceMedia', 'url'), ...asked.inputImages]);
  // One answer may name a video twice (the media and the library feed): one task, every input.
  const seen = tasks.find((task) => task.taskId === taskId);
  if (seen) {
    seen.inputImages = distinctUrls([...seen.inputImages, ...inputImages], seen.videos.map((item) => item.url));
    return;
  }
  const prompt = text(at(video, 'prompt')) ?? asked.prompt;
  const base = { taskId, ...(prompt === undefined ? {} : { prompt }), inputImages };
  const [url, ...alternates] = distinctUrls([at(video, 'url'), at(video, 'fallbackUrl')], inputImages);
  if (!url) {
    // Only the chat answer names a video before it is ready; elsewhere a URL-less item says nothing.
    if (streaming) tasks.push({ ...base, status: 'generating', videos: [] });
    return;
  }
  const cover = distinctUrls([at(video, 'thumbnail'), at(video, 'thumbnailUrl')], [url, ...inputImages])[0];
  tasks.push({
    ...base,
    status: 'done',
    videos: [siteVideo(url, { cover, width: count(at(video, 'width')), height: count(at(video, 'height')), alternates })],
  });
}
