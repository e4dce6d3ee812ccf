import { describe, expect, it } from 'vitest';
import { runway } from '@/src/sites/extractors/runway';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { tasksOf } from './site-fixtures';

const R1 = 'c2f21ee0-5b7a-4d3e-9f1c-8a6b4d2e0f13';
const PROMPT_1 = 'Slow dolly-in on a jazz trio in a smoky basement club, warm tungsten light';
const UPLOADS = 'https://runway-datasets.s3.us-east-1.amazonaws.com/user-uploads/58026031';

function endpoint(name: string): SiteEndpoint {
  const found = runway.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const taskRequest: SiteRequest = { method: 'GET', url: new URL(`https://api.runwayml.com/v1/tasks/${R1}?asTeamId=1`) };
const createRequest = (body: unknown): SiteRequest => ({ method: 'POST', url: new URL('https://api.runwayml.com/v1/tasks'), body: JSON.stringify(body) });

describe('runway extractor, on the recorded calls', () => {
  it('create: the answer holds only id and status, the prompt and the reference images come from the request', () => {
    expect(tasksOf(runway, 'create')).toEqual([
      {
        taskId: R1,
        status: 'generating',
        percent: 0,
        prompt: PROMPT_1,
        model: 'gen4',
        inputImages: [`${UPLOADS}/first-frame-0f3a.png`, `${UPLOADS}/style-ref-7c21.png`],
        videos: [],
      },
    ]);
  });

  it('a running task: progressRatio, a decimal string, becomes the percent', () => {
    expect(tasksOf(runway, 'task.running')[0]).toMatchObject({ status: 'generating', percent: 68 });
  });

  it('a succeeded task: the artifact’s url is the video, previewUrls[0] its still, with size and duration', () => {
    const [task] = tasksOf(runway, 'task');
    expect(task?.status).toBe('done');
    expect(task?.videos).toHaveLength(1);
    expect(task?.videos[0]).toMatchObject({ width: 1280, height: 720, durationMs: 5000 });
    expect(task?.videos[0]?.url).toMatch(/^https:\/\/dnznrvs05pmza\.cloudfront\.net\/c2f21ee0-[^?]+\.mp4\?_jwt=/);
    expect(task?.videos[0]?.cover).toMatch(/\/previews\/c2f21ee0-[^/]+\/preview_0\.jpg\?_jwt=/);
  });

  it('the task list: video tasks only; a failure with its message; an older gen-3 task with gen2Options', () => {
    const tasks = tasksOf(runway, 'tasks');
    expect(tasks.map((task) => `${task.model} ${task.status}`)).toEqual(['gen4 done', 'gen4_turbo failed', 'gen3a_turbo done']);
    expect(tasks[1]?.failure).toBe('Your prompt was flagged by our content moderation system.');
    expect(tasks[2]).toMatchObject({ prompt: 'Drone shot over a foggy pine valley at sunrise', inputImages: [`${UPLOADS}/valley-4d1e.jpg`] });
  });
});

describe('runway extractor, edge cases', () => {
  it('is routed from app.runwayml.com to api.runwayml.com; the developer API and other pages are not claimed', () => {
    expect(findSiteEndpoint('app.runwayml.com', 'GET', `https://api.runwayml.com/v1/tasks/${R1}?asTeamId=1`)?.endpoint.name).toBe('task');
    expect(findSiteEndpoint('app.runwayml.com', 'GET', 'https://api.runwayml.com/v1/tasks?asTeamId=1&limit=20')?.endpoint.name).toBe('tasks');
    expect(findSiteEndpoint('app.runwayml.com', 'GET', 'https://api.runwayml.com/v1/assets/abc')).toBeUndefined();
    expect(findSiteEndpoint('runwayml.com', 'GET', `https://api.runwayml.com/v1/tasks/${R1}`)).toBeUndefined();
  });

  it('a queue refusal (429 `{error}`) starts no task; an image task created reports nothing', () => {
    expect(runway.extract({ error: 'Too many tasks are running or pending at the moment.' }, createRequest({ taskType: 'gen4' }), endpoint('create'))).toEqual([]);
    expect(runway.extract({ task: { id: 't1', status: 'PENDING' } }, createRequest({ taskType: 'text_to_image', options: { textPrompt: 'x' } }), endpoint('create'))).toEqual([]);
  });

  it('a failure given as a bare string, and a cancelled task; a succeeded task whose artifacts are no video reports nothing', () => {
    expect(runway.extract({ task: { id: 't1', taskType: 'gen4', status: 'FAILED', error: 'Internal error' } }, taskRequest, endpoint('task'))?.[0]).toMatchObject({ status: 'failed', failure: 'Internal error' });
    expect(runway.extract({ task: { id: 't1', taskType: 'gen4', status: 'CANCELLED', error: null } }, taskRequest, endpoint('task'))?.[0]).toMatchObject({ status: 'failed', failure: 'cancelled' });
    const still = { task: { id: 't1', taskType: 'gen4', status: 'SUCCEEDED', artifacts: [{ url: 'https://cdn.example.test/t1/out.png' }] } };
    expect(runway.extract(still, taskRequest, endpoint('task'))).toEqual([]);
  });

  it('an artifact that is a reference image is never the video', () => {
    const image = 'https://cdn.example.test/in.mp4';
    const task = { task: { id: 't1', taskType: 'gen4', status: 'SUCCEEDED', options: { referenceImages: [{ url: image }] }, artifacts: [{ url: image }] } };
    expect(runway.extract(task, taskRequest, endpoint('task'))).toEqual([]);
  });

  it('unknown shapes are unknown', () => {
    expect(runway.extract({ id: 't1' }, taskRequest, endpoint('task'))).toBeUndefined();
    expect(runway.extract({ items: [] }, taskRequest, endpoint('tasks'))).toBeUndefined();
    expect(runway.extract({ tasks: [] }, taskRequest, endpoint('tasks'))).toEqual([]);
  });
});
