import { describe, expect, it } from 'vitest';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { googleFlow } from '@/src/sites/extractors/google-flow';
import { loadSiteExpectation, tasksOf } from './site-fixtures';

const OP = 'db3c0f6a8e2b4d7f9a1c5e0b7d2f4a68';
const MEDIA = '7f3e9b2c-4a1d-4e8f-b6c0-9d2a5e7f1c38';
const PROMPT_2025 = 'A paper boat drifts down a rain-soaked city gutter, macro lens, shallow depth of field';
const PROMPT_2026 = 'The lighthouse keeper from @keeper climbs the spiral stairs at dusk, handheld';
const [done2025, done2026] = loadSiteExpectation('google-flow').entries;

function endpoint(name: string): SiteEndpoint {
  const found = googleFlow.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(`no endpoint ${name}`);
  return found;
}

const api = (method: string): URL => new URL(`https://aisandbox-pa.googleapis.com/v1/video:${method}`);
const poll: SiteRequest = { method: 'POST', url: api('batchCheckAsyncVideoGenerationStatus') };

describe('google-flow recorded calls', () => {
  it('2025 create (a JSON body sent as text/plain): the operation, generating, with the prompt and model of the request', () => {
    expect(tasksOf(googleFlow, 'create')).toEqual([{ taskId: OP, status: 'generating', prompt: PROMPT_2025, model: 'veo_3_0_t2v_fast', inputImages: [], videos: [] }]);
  });

  it('2025 poll, active then successful: fifeUrl (no extension) is the video, servingBaseUri its still', () => {
    expect(tasksOf(googleFlow, 'status.active')).toEqual([{ taskId: OP, status: 'generating', inputImages: [], videos: [] }]);
    expect(tasksOf(googleFlow, 'status')).toEqual([
      { taskId: OP, status: 'done', prompt: PROMPT_2025, model: 'veo_3_0_t2v_fast', inputImages: [], videos: [{ url: done2025!.videoUrl, cover: done2025!.coverUrl }] },
    ]);
  });

  it('2026 create: the media id, the structured prompt’s parts joined; the start frame and the reference are ids, never inputs', () => {
    expect(tasksOf(googleFlow, 'create.v2026')).toEqual([{ taskId: MEDIA, status: 'generating', prompt: PROMPT_2026, model: 'veo_3_1_i2v_s_fast', inputImages: [], videos: [] }]);
  });

  it('2026 poll: no URL at all, so a successful video waits at 100 %; a failure keeps the site’s reasons', () => {
    expect(tasksOf(googleFlow, 'status.v2026')).toEqual([
      { taskId: MEDIA, status: 'generating', percent: 100, inputImages: [], videos: [] },
      { taskId: '3a5c7e9b-1d2f-4a6b-8c0e-2f4a6b8c0d1e', status: 'failed', failure: 'PROMINENT_PERSON', inputImages: [], videos: [] },
    ]);
  });

  it('project read: the videos of projectContents.media, not the uploaded or generated images beside them', () => {
    expect(tasksOf(googleFlow, 'project')).toEqual([{ taskId: MEDIA, status: 'generating', percent: 100, model: 'veo_3_1_i2v_s_fast', inputImages: [], videos: [] }]);
  });

  it('media redirect: the final URL is the video of the media id the page asked for', () => {
    expect(tasksOf(googleFlow, 'media-redirect')).toEqual([{ taskId: MEDIA, status: 'done', inputImages: [], videos: [{ url: done2026!.videoUrl }] }]);
  });
});

describe('google-flow edge cases', () => {
  const status = endpoint('status');
  const redirect = endpoint('media-redirect');
  const create = endpoint('create');

  it('serves labs.google, the sandbox API it calls and its tRPC routes, and no look-alike host', () => {
    expect(findSiteEndpoint('labs.google', 'POST', api('batchAsyncGenerateVideoReferenceImages').href)?.endpoint.name).toBe('create');
    expect(findSiteEndpoint('labs.google', 'POST', api('batchAsyncGenerateVideoStartAndEndImage').href)?.endpoint.name).toBe('create');
    expect(findSiteEndpoint('labs.google', 'GET', 'https://labs.google/fx/api/trpc/project.getProjectContents?input=%7B%7D')?.endpoint.name).toBe('project');
    expect(findSiteEndpoint('labs.google.evil.example', 'POST', poll.url.href)).toBeUndefined();
    // An upscale of an existing video, image generation and uploads are not new videos.
    expect(findSiteEndpoint('labs.google', 'POST', api('batchAsyncGenerateVideoUpsampleVideo').href)).toBeUndefined();
    expect(findSiteEndpoint('labs.google', 'POST', 'https://aisandbox-pa.googleapis.com/v1/projects/p/flowMedia:batchGenerateImages')).toBeUndefined();
    expect(findSiteEndpoint('labs.google', 'GET', 'https://aisandbox-pa.googleapis.com/v1/media/CAUSJDNh?key=k')).toBeUndefined();
  });

  it('reads the prompt from the body whatever content type it was sent as, and a prompt that is itself JSON verbatim', () => {
    const typed = '{"prompt":"a fox","style":["noir"],"negative_prompt":"text"}';
    const request: SiteRequest = { method: 'POST', url: api('batchAsyncGenerateVideoText'), body: JSON.stringify({ requests: [{ textInput: { prompt: typed } }] }) };
    expect(googleFlow.extract({ operations: [{ operation: { name: 'op1' }, status: 'MEDIA_GENERATION_STATUS_PENDING' }] }, request, create)).toEqual([
      { taskId: 'op1', status: 'generating', prompt: typed, inputImages: [], videos: [] },
    ]);
  });

  it('a video sent as base64 inside JSON, or as a data: URL, is never taken as a link', () => {
    const base64 = 'AAAAIGZ0eXBpc29tAAACAGlzb21pc28y'.repeat(1000);
    const operation = (video: Record<string, unknown>) => ({ operations: [{ operation: { name: 'op2', metadata: { video } }, status: 'MEDIA_GENERATION_STATUS_SUCCESSFUL' }] });
    expect(googleFlow.extract(operation({ encodedVideo: base64 }), poll, status)).toEqual([{ taskId: 'op2', status: 'generating', percent: 100, inputImages: [], videos: [] }]);
    expect(googleFlow.extract(operation({ fifeUrl: `data:video/mp4;base64,${base64}` }), poll, status)?.[0]?.videos).toEqual([]);
  });

  it('a cancelled or failed 2025 operation is failed; unknown shapes are undefined; an API error is nothing', () => {
    expect(googleFlow.extract({ operations: [{ operation: { name: 'op3' }, status: 'MEDIA_GENERATION_STATUS_FAILED' }] }, poll, status)?.[0]).toMatchObject({ status: 'failed', failure: 'failed' });
    expect(googleFlow.extract({ media: [{ name: 'm', mediaMetadata: { mediaStatus: { mediaGenerationStatus: 'MEDIA_GENERATION_STATUS_CANCELLED' } } }] }, poll, status)?.[0]).toMatchObject({ status: 'failed', failure: 'cancelled' });
    expect(googleFlow.extract({ error: { code: 400, status: 'INVALID_ARGUMENT' } }, poll, status)).toEqual([]);
    expect(googleFlow.extract({ something: 'else' }, poll, status)).toBeUndefined();
  });

  it('a redirect to an image, to a non-http URL, or without a media id gives nothing', () => {
    const asked = (name: string): SiteRequest => ({ method: 'GET', url: new URL(`https://labs.google/fx/api/trpc/media.getMediaUrlRedirect?name=${name}`) });
    expect(googleFlow.extract('https://flow-content.google/image/abc?Signature=x', asked('abc'), redirect)).toEqual([]);
    expect(googleFlow.extract('javascript:alert(1)', asked('abc'), redirect)).toEqual([]);
    expect(googleFlow.extract('https://flow-content.google/video/abc', { method: 'GET', url: new URL('https://labs.google/fx/api/trpc/media.getMediaUrlRedirect') }, redirect)).toEqual([]);
    expect(googleFlow.extract({ url: 'https://flow-content.google/video/abc' }, asked('abc'), redirect)).toBeUndefined();
  });

  it('a batched tRPC read (a list of envelopes) and an error envelope are read', () => {
    const project = endpoint('project');
    const request: SiteRequest = { method: 'GET', url: new URL('https://labs.google/fx/api/trpc/flow.projectInitialData?batch=1') };
    const media = { name: 'v1', video: {}, mediaMetadata: { mediaStatus: { mediaGenerationStatus: 'MEDIA_GENERATION_STATUS_ACTIVE' } } };
    expect(googleFlow.extract([{ result: { data: { json: { projectContents: { media: [media] } } } } }], request, project)).toEqual([{ taskId: 'v1', status: 'generating', inputImages: [], videos: [] }]);
    expect(googleFlow.extract({ error: { json: { message: 'UNAUTHORIZED' } } }, request, project)).toEqual([]);
  });
});
