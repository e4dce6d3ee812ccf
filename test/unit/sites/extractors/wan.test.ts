import { describe, expect, it } from 'vitest';
import { wan } from '@/src/sites/extractors/wan';
import type { SiteEndpoint, SiteRequest } from '@/src/sites/extractors';
import { loadSiteExpectation, tasksOf } from './site-fixtures';

const TASK = '2f8c1d6e4b7a4e9f8d3c5b1a0e7f6d29';
const PROMPT = 'A paper boat drifts down a rain-soaked city street at night, neon reflections, macro lens';
const INPUT = 'https://wanx.alicdn.com/wanx/1873649205817346/upload/2025-12-07/boat_start.png';
const expected = loadSiteExpectation('wan').entries[0]!;

function endpoint(name: string): SiteEndpoint {
  const found = wan.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const post = (path: string, body: unknown): SiteRequest => ({ method: 'POST', url: new URL(`https://create.wan.video${path}`), body: JSON.stringify(body) });

describe('wan extractor, on the recorded calls', () => {
  it('imageGen: the bare data string is the task id; prompt and input image from the request body', () => {
    expect(tasksOf(wan, 'image-gen')).toEqual([{ taskId: TASK, status: 'generating', prompt: PROMPT, inputImages: [INPUT], videos: [] }]);
  });

  it('taskResult running: taskRate is the percent', () => {
    expect(tasksOf(wan, 'task-result.running')).toEqual([{ taskId: TASK, status: 'generating', percent: 42, prompt: PROMPT, inputImages: [INPUT], videos: [] }]);
  });

  it('taskResult done: downloadUrl is the video, videoFirstFrameUrl the cover, the logo and resized copies alternates; vagueUrl never', () => {
    const [task] = tasksOf(wan, 'task-result.done');
    expect(task?.status).toBe('done');
    const video = task?.videos[0];
    expect(video?.url).toBe(expected.videoUrl);
    expect(video?.cover).toBe(expected.coverUrl);
    expect(video?.alternates).toHaveLength(3);
    expect(video?.alternates?.some((url) => url.includes('_logo.mp4'))).toBe(true);
    expect(JSON.stringify(task)).not.toContain('_vague');
    expect(task?.videos).toHaveLength(1);
  });
});

describe('wan extractor, edge cases', () => {
  it('an image task (create or result) reports nothing; success:false is an empty report', () => {
    expect(wan.extract({ success: true, data: 'img1' }, post('/wanx/api/common/imageGen', { taskType: 'text_to_image', taskInput: { prompt: 'a cat' } }), endpoint('image-gen'))).toEqual([]);
    const result = endpoint('task-result');
    const request = post('/wanx/api/common/v2/taskResult', { taskId: 'img1' });
    expect(wan.extract({ success: true, data: { taskId: 'img1', mediaType: 'image', taskResult: [{ url: 'https://wanx.alicdn.com/a.png' }] } }, request, result)).toEqual([]);
    expect(wan.extract({ success: false, errorCode: 'NOT_LOGIN', data: null }, request, result)).toEqual([]);
    expect(wan.extract({ code: 0 }, request, result)).toBeUndefined();
  });

  it('a failed task carries errorMsg', () => {
    const request = post('/wanx/api/common/v2/taskResult', { taskId: 't2' });
    expect(
      wan.extract({ success: true, data: { taskId: 't2', mediaType: 'video', status: 3, errorMsg: 'Content risk', taskInput: { prompt: 'p' }, taskResult: [] } }, request, endpoint('task-result')),
    ).toEqual([{ taskId: 't2', status: 'failed', failure: 'Content risk', prompt: 'p', inputImages: [], videos: [] }]);
  });
});
