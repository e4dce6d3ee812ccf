import { describe, expect, it } from 'vitest';
import { joinSiteTask } from '@/src/background/join-site-task';
import type { SiteTask } from '@/src/sites/extractors';

const video = { url: 'https://cdn.example.test/v.mp4' };
function task(taskId: string, extra: Partial<SiteTask> = {}): SiteTask {
  return { taskId, status: 'done', inputImages: [], videos: [], ...extra };
}

describe('joinSiteTask', () => {
  it('takes the prompt, model and input images the extractor read of the same task', () => {
    const generic = task('t1', { videos: [video], inputImages: ['https://cdn.example.test/generic.png'] });
    const known = [task('t1', { prompt: 'a cat', model: 'v2', inputImages: ['https://cdn.example.test/in.png'] })];
    expect(joinSiteTask(generic, known, false)).toEqual({
      taskId: 't1',
      status: 'done',
      prompt: 'a cat',
      model: 'v2',
      inputImages: ['https://cdn.example.test/in.png'],
      videos: [video],
    });
  });

  it('keeps its own input images when the extractor read none', () => {
    const generic = task('t1', { videos: [video], inputImages: ['https://cdn.example.test/generic.png'] });
    expect(joinSiteTask(generic, [task('t1')], false).inputImages).toEqual(['https://cdn.example.test/generic.png']);
  });

  it("takes the extractor's id when each found one task under different ids", () => {
    const joined = joinSiteTask(task('node-7', { videos: [video] }), [task('t1', { prompt: 'a cat' })], true);
    expect(joined).toMatchObject({ taskId: 't1', prompt: 'a cat', videos: [video] });
  });

  it('is the task itself when no task of the extractor is the same', () => {
    const generic = task('node-7', { videos: [video] });
    expect(joinSiteTask(generic, [task('t1', { prompt: 'a cat' })], false)).toBe(generic);
    expect(joinSiteTask(generic, [task('t1'), task('t2')], true)).toBe(generic);
  });
});
