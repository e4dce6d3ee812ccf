import { describe, expect, it } from 'vitest';
import { higgsfield } from '@/src/sites/extractors/higgsfield';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { tasksOf } from './site-fixtures';

const H1 = '5c8e1a3b-7d9f-4b2c-8e4a-6f0b2d4e6a8c';
const H2 = '9a2c4e6f-8b0d-4f1a-b3c5-d7e9f1a3b5c7';
const UPLOAD = 'https://d2ol7oe51mr4n9.cloudfront.net/user_2xQ7mLp9Rz4Tn8Vb3Kc6Wd1Ys5/9f1d3b5a-7c9e-4a1b-8d3f-5b7d9f1a3c5e.png';
const RESULT = 'https://d8j0ntlcm91z4.cloudfront.net/user_2xQ7mLp9Rz4Tn8Vb3Kc6Wd1Ys5/hf_20261207_120814_';
const PROMPT = 'The woman in the photo turns and walks toward the camera through falling cherry blossoms';

function endpoint(name: string): SiteEndpoint {
  const found = higgsfield.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const jobRequest: SiteRequest = { method: 'GET', url: new URL(`https://fnf.higgsfield.ai/jobs/${H1}`) };

describe('higgsfield extractor, on the recorded calls', () => {
  it('create: one generating task per job of the job set, the prompt and the start image from the request’s params', () => {
    const base = { status: 'generating', prompt: PROMPT, model: 'seedance1_5', inputImages: [UPLOAD], videos: [] };
    expect(tasksOf(higgsfield, 'create')).toEqual([
      { taskId: H1, ...base },
      { taskId: H2, ...base },
    ]);
  });

  it('a job in progress is generating; completed, results.raw is the video and its thumbnail the still, results.min an alternate', () => {
    expect(tasksOf(higgsfield, 'job.in-progress')).toEqual([{ taskId: H1, status: 'generating', model: 'seedance1_5', inputImages: [], videos: [] }]);
    expect(tasksOf(higgsfield, 'job')).toEqual([
      {
        taskId: H1,
        status: 'done',
        model: 'seedance1_5',
        inputImages: [],
        videos: [{ url: `${RESULT}5c8e1a3b.mp4`, cover: `${RESULT}5c8e1a3b_thumb.webp`, alternates: [`${RESULT}5c8e1a3b_min.mp4`] }],
      },
    ]);
  });

  it('an nsfw job fails with that word', () => {
    expect(tasksOf(higgsfield, 'job.nsfw')).toEqual([{ taskId: H2, status: 'failed', failure: 'nsfw', model: 'seedance1_5', inputImages: [], videos: [] }]);
  });
});

describe('higgsfield extractor, edge cases', () => {
  it('is routed from higgsfield.ai to fnf.higgsfield.ai; picture creates and other calls are not claimed', () => {
    expect(findSiteEndpoint('higgsfield.ai', 'POST', 'https://fnf.higgsfield.ai/jobs/v2/kling3_0')?.endpoint.name).toBe('create');
    expect(findSiteEndpoint('higgsfield.ai', 'GET', `https://fnf.higgsfield.ai/jobs/${H1}`)?.endpoint.name).toBe('job');
    expect(findSiteEndpoint('higgsfield.ai', 'POST', 'https://fnf.higgsfield.ai/jobs/text-to-image')).toBeUndefined();
    expect(findSiteEndpoint('higgsfield.ai', 'GET', 'https://fnf.higgsfield.ai/workspaces/wallet')).toBeUndefined();
  });

  it('a job echoing its params has its prompt and inputs; an input image is never the video', () => {
    const job = { id: H1, status: 'completed', params: { prompt: 'p', medias: [{ data: { url: UPLOAD } }] }, results: { raw: { url: UPLOAD } } };
    expect(higgsfield.extract(job, jobRequest, endpoint('job'))).toEqual([{ taskId: H1, status: 'generating', prompt: 'p', inputImages: [UPLOAD], videos: [] }]);
  });

  it('a picture job polled at the same path reports nothing', () => {
    const job = { id: H1, status: 'completed', results: { raw: { url: 'https://d8j0ntlcm91z4.cloudfront.net/u/out.png' } } };
    expect(higgsfield.extract(job, jobRequest, endpoint('job'))).toEqual([]);
  });

  it('unknown shapes are unknown', () => {
    expect(higgsfield.extract({ detail: 'Unauthorized' }, jobRequest, endpoint('job'))).toBeUndefined();
    expect(higgsfield.extract({ id: 'x' }, jobRequest, endpoint('create'))).toBeUndefined();
  });
});
