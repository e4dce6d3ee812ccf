import { describe, expect, it } from 'vitest';
import { metaAi } from '@/src/sites/extractors/meta-ai';
import type { SiteRequest } from '@/src/sites/extractors';
import { loadSiteExpectation, tasksOf } from './site-fixtures';

const expected = loadSiteExpectation('meta-ai').entries[0]!;
const VIDEO_ID = expected.taskId;
const SOURCE = expected.inputImages![0]!;
const graphql = metaAi.endpoints[0]!;
const request = (variables: unknown): SiteRequest => ({
  method: 'POST',
  url: new URL('https://www.meta.ai/api/graphql'),
  body: JSON.stringify({ doc_id: '0000', variables }),
});

describe('meta-ai extractor, on the recorded calls', () => {
  it('stream (SSE): the video id arrives before its URL: generating, with the prompt from textToImageParams', () => {
    const tasks = tasksOf(metaAi, 'graphql.stream');
    // One report per event that names the video (two of the three).
    expect(tasks).toEqual([
      { taskId: VIDEO_ID, status: 'generating', prompt: expected.prompt, inputImages: [], videos: [] },
      { taskId: VIDEO_ID, status: 'generating', prompt: expected.prompt, inputImages: [], videos: [] },
    ]);
  });

  it('media (multipart/mixed): createRouteMedia and the library feed give the same one video, thumbnail as cover, the source image an input', () => {
    const tasks = tasksOf(metaAi, 'graphql.media');
    expect(tasks).toHaveLength(1);
    for (const task of tasks) {
      expect(task.taskId).toBe(VIDEO_ID);
      expect(task.status).toBe('done');
      expect(task.videos).toHaveLength(1);
      expect(task.videos[0]?.url).toBe(expected.videoUrl);
      expect(task.videos[0]?.cover).toBe(expected.coverUrl);
      expect(task.videos[0]?.alternates).toHaveLength(1);
    }
    expect(tasks[0]?.inputImages).toEqual([SOURCE]);
  });
});

describe('meta-ai extractor, edge cases', () => {
  it('reports nothing for the page’s other GraphQL answers, errors and the closing part; a non-GraphQL body is an unknown shape', () => {
    expect(metaAi.extract({ data: { viewer: { id: '1' } } }, request({}), graphql)).toEqual([]);
    expect(metaAi.extract({ errors: [{ message: 'rate limited' }] }, request({}), graphql)).toEqual([]);
    expect(metaAi.extract({ hasNext: false }, request({}), graphql)).toEqual([]);
    expect(metaAi.extract({ hello: 'world' }, request({}), graphql)).toBeUndefined();
  });

  it('an image-to-video answer takes its prompt from imageToVideoParams; the streamed source image is an input, never the video', () => {
    const ask = request({ imagineOperationRequest: { operation: 'IMAGE_TO_VIDEO', imageToVideoParams: { sourceMediaEntId: '9', prompt: 'make it rain', numMedia: 1 } } });
    const source = 'https://scontent.xx.fbcdn.net/v/source.jpg';
    const stream = { data: { sendMessageStream: { videos: [{ id: '77', url: source, sourceMedia: { url: source } }] } } };
    expect(metaAi.extract(stream, ask, graphql)).toEqual([{ taskId: '77', status: 'generating', prompt: 'make it rain', inputImages: [source], videos: [] }]);
  });

  it('createRouteMedia of an image is not a video; a feed item without URL says nothing', () => {
    const image = { data: { createRouteMedia: { id: '5', url: 'https://scontent.xx.fbcdn.net/v/a.jpg', thumbnail: 'https://scontent.xx.fbcdn.net/v/a_t.jpg' } } };
    expect(metaAi.extract(image, request({}), graphql)).toEqual([]);
    const typed = { data: { createRouteMedia: { __typename: 'GenAIVideo', id: '6', url: 'https://video.xx.fbcdn.net/o1/v/abc' } } };
    expect(metaAi.extract(typed, request({}), graphql)?.[0]?.status).toBe('done');
    const pending = { data: { mediaLibraryFeed: { edges: [{ node: { videos: [{ id: '8', url: null }] } }] } } };
    expect(metaAi.extract(pending, request({}), graphql)).toEqual([]);
  });
});
