import { describe, expect, it } from 'vitest';
import { midjourney } from '@/src/sites/extractors/midjourney';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { tasksOf } from './site-fixtures';

const J1 = '4f7a2c9e-1b3d-4e5f-8a6b-7c8d9e0f1a2b';
const J2 = '9c1e5a7b-3d2f-4a6c-8b0e-1f2a3b4c5d6e';
const UID = 'b8e3f1a2-6c4d-4e7f-9a1b-2c3d4e5f6a7b';
const START = `https://cdn.midjourney.com/u/${UID}/3f9a1c7e5b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f.png`;
const END = `https://cdn.midjourney.com/u/${UID}/8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b.png`;
const PROMPT_1 = 'A lighthouse keeper waves from the balcony as the storm clears';

function endpoint(name: string): SiteEndpoint {
  const found = midjourney.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const submit = (body: unknown): SiteRequest => ({ method: 'POST', url: new URL('https://www.midjourney.com/api/submit-jobs'), body: JSON.stringify(body) });
const listRequest: SiteRequest = { method: 'GET', url: new URL(`https://www.midjourney.com/api/imagine?user_id=${UID}&page_size=100`) };

describe('midjourney extractor, on the recorded calls', () => {
  it('submit-jobs with a start and an end frame: generating; both frames, links inside the prompt, are inputs and not in the prompt', () => {
    expect(tasksOf(midjourney, 'submit-jobs')).toEqual([{ taskId: J1, status: 'generating', prompt: PROMPT_1, inputImages: [START, END], videos: [] }]);
  });

  it('submit-jobs animating a grid image: the parent job’s grid image is the input', () => {
    expect(tasksOf(midjourney, 'submit-jobs.animate')).toEqual([
      {
        taskId: J2,
        status: 'generating',
        prompt: 'The fox leaps over the frozen creek',
        inputImages: ['https://cdn.midjourney.com/e2d4c6b8-a0f1-4e3d-9c5b-7a9b1c3d5e7f/0_2.png'],
        videos: [],
      },
    ]);
  });

  it('the jobs list while running: percent; image jobs are left out', () => {
    expect(tasksOf(midjourney, 'imagine.running').map((task) => `${task.taskId} ${task.status} ${task.percent}`)).toEqual([`${J2} generating 0`, `${J1} generating 42`]);
  });

  it('the jobs list once completed: one video per batch item, its URL built from the job id, the gif as its still; a failed job fails', () => {
    const tasks = tasksOf(midjourney, 'imagine');
    expect(tasks.map((task) => `${task.taskId} ${task.status}`)).toEqual([`${J2} done`, `${J1} done`, '6d8f0a2c-4e6b-4d8f-a0c2-e4b6d8f0a2c4 failed']);
    expect(tasks[0]?.videos.map((video) => video.url)).toEqual([`https://cdn.midjourney.com/video/${J2}/0.mp4`, `https://cdn.midjourney.com/video/${J2}/1.mp4`]);
    expect(tasks[1]).toEqual({
      taskId: J1,
      status: 'done',
      prompt: PROMPT_1,
      model: 'vid_1.1_i2v_start_end_720',
      inputImages: [START, END],
      videos: [{ url: `https://cdn.midjourney.com/video/${J1}/0.mp4`, cover: `https://cdn.midjourney.com/video/${J1}/0_N.gif`, width: 1280, height: 720 }],
    });
  });
});

describe('midjourney extractor, edge cases', () => {
  it('is routed on www., alpha. and the bare host; other calls are not claimed', () => {
    for (const page of ['www.midjourney.com', 'alpha.midjourney.com', 'midjourney.com']) {
      expect(findSiteEndpoint(page, 'POST', 'https://www.midjourney.com/api/submit-jobs')?.endpoint.name).toBe('submit-jobs');
    }
    expect(findSiteEndpoint('www.midjourney.com', 'GET', 'https://www.midjourney.com/api/app/recent-jobs')).toBeUndefined();
  });

  it('an image job submitted reports nothing; a video job without ids reports nothing; a failure list is known', () => {
    const answer = { success: [{ job_id: 'j1', prompt: 'a cat' }], failure: [] };
    expect(midjourney.extract(answer, submit({ t: 'imagine', prompt: 'a cat' }), endpoint('submit-jobs'))).toEqual([]);
    expect(midjourney.extract({ success: [{ prompt: 'x' }], failure: [] }, submit({ t: 'video', newPrompt: 'x' }), endpoint('submit-jobs'))).toEqual([]);
    expect(midjourney.extract({ success: [], failure: [{ type: 'invalid_parameter' }] }, submit({ t: 'video' }), endpoint('submit-jobs'))).toEqual([]);
  });

  it('a completed job without --bs or batch_size has four videos; `--end loop` is no input; the batch is capped at four', () => {
    const job = { id: 'j9', event_type: 'video_diffusion', current_status: 'completed', full_command: 'a wave crashes --end loop --motion low' };
    const [task] = midjourney.extract([job], listRequest, endpoint('imagine')) ?? [];
    expect(task?.videos).toHaveLength(4);
    expect(task?.inputImages).toEqual([]);
    expect(task?.prompt).toBe('a wave crashes');
    const [big] = midjourney.extract({ jobs: [{ ...job, batch_size: 99 }] }, listRequest, endpoint('imagine')) ?? [];
    expect(big?.videos).toHaveLength(4);
  });

  it('a job id that is not a plain path segment gives no video URL', () => {
    const job = { id: '../x', event_type: 'video_diffusion', current_status: 'completed', full_command: 'a --bs 1' };
    expect(midjourney.extract({ items: [job] }, listRequest, endpoint('imagine'))?.[0]?.status).toBe('generating');
  });

  it('unknown shapes are unknown', () => {
    expect(midjourney.extract({ error: 'unauthorized' }, listRequest, endpoint('imagine'))).toBeUndefined();
    expect(midjourney.extract({ ok: true }, submit({ t: 'video' }), endpoint('submit-jobs'))).toBeUndefined();
  });
});
