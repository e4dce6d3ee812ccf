import { at, httpUrl, idOf, list, nestedJson, text } from '@/src/sites/extractors/extract-helpers';
import type { SiteExtractor, SiteTask } from '@/src/sites/extractors';

/**
 * A small extractor of a made-up video app (`videos.example.test`), for the pipeline's tests:
 * `POST /api/create` (prompt and input image in the request), `GET /api/task/:id` and an SSE
 * `POST /api/stream` of cumulative snapshots. The real sites' extractors have tests of their own.
 */
export const fakeExtractor: SiteExtractor = {
  name: 'fake-app',
  hosts: ['videos.example.test'],
  endpoints: [
    { name: 'create', method: 'POST', path: /^\/api\/create$/ },
    { name: 'task', method: 'GET', path: /^\/api\/task\/[\w-]+$/ },
    { name: 'stream', method: 'POST', path: /^\/api\/stream$/, framing: 'sse' },
  ],
  extract(json, request, endpoint) {
    if (at(json, 'code') !== 0) return undefined;
    if (endpoint.name === 'create') {
      const body = nestedJson(request.body);
      const id = idOf(at(json, 'data', 'id'));
      if (!id) return undefined;
      const task: SiteTask = { taskId: id, status: 'generating', inputImages: [], videos: [] };
      const prompt = text(at(body, 'prompt'));
      if (prompt) task.prompt = prompt;
      const image = httpUrl(at(body, 'image'));
      if (image) task.inputImages.push(image);
      return [task];
    }
    const tasks: SiteTask[] = [];
    for (const item of list(at(json, 'data', 'tasks'))) {
      const id = idOf(at(item, 'id'));
      const state = at(item, 'state');
      if (!id) continue;
      tasks.push({
        taskId: id,
        status: state === 'done' ? 'done' : state === 'failed' ? 'failed' : 'generating',
        ...(typeof at(item, 'percent') === 'number' ? { percent: at(item, 'percent') as number } : {}),
        ...(text(at(item, 'reason')) ? { failure: text(at(item, 'reason')) } : {}),
        inputImages: list(at(item, 'inputs')).map((url) => httpUrl(url)).filter((url): url is string => url !== undefined),
        videos: list(at(item, 'videos')).flatMap((video) => {
          const url = httpUrl(at(video, 'url'));
          return url ? [{ url, ...(httpUrl(at(video, 'cover')) ? { cover: httpUrl(at(video, 'cover')) } : {}), alternates: list(at(video, 'others')) as string[] }] : [];
        }),
      });
    }
    return tasks;
  },
};
