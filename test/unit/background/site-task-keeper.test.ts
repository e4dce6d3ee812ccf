import { describe, expect, it } from 'vitest';
import { createSiteTaskKeeper } from '@/src/background/site-task-keeper';
import type { SiteTask } from '@/src/sites/extractors';

const site = 'https://videos.example.test';
const source = { site, pageUrl: `${site}/create`, endpointUrl: `${site}/api/task/t1`, contentType: 'application/json' };
const task = (taskId: string, extra: Partial<SiteTask> = {}): SiteTask => ({ taskId, status: 'generating', inputImages: [], videos: [], ...extra });

describe('createSiteTaskKeeper', () => {
  it('turns tasks into entry updates, given out once', () => {
    const keeper = createSiteTaskKeeper('fake-app', source);
    expect(keeper.take()).toEqual([]);
    keeper.keep([task('t1', { prompt: 'a cat' })], false);
    keeper.keep([task('t2', { status: 'done', videos: [{ url: 'https://cdn.example.test/t2.mp4' }] })], true);
    const updates = keeper.take();
    expect(updates).toEqual([
      expect.objectContaining({ id: 'task:fake-app:t1:0', status: 'generating', prompt: 'a cat', source: 'site' }),
      expect.objectContaining({ id: 'task:fake-app:t2:0', status: 'done', videoUrl: 'https://cdn.example.test/t2.mp4', source: 'site-generic' }),
    ]);
    expect(keeper.take()).toEqual([]);
    expect([...keeper.entryIds]).toEqual(['task:fake-app:t1:0', 'task:fake-app:t2:0']);
  });

  it('counts the tasks found and those the generic reader found, each once', () => {
    const keeper = createSiteTaskKeeper('fake-app', source);
    keeper.keep([task('t1'), task('t2')], false);
    keeper.keep([task('t2'), task('t3')], true);
    expect([...keeper.tasks]).toEqual(['t1', 't2', 't3']);
    expect([...keeper.generic]).toEqual(['t2', 't3']);
  });
});
