import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import type { FoundItem } from '@/src/page-scan/found-video-item';
import { keepFoundVideos } from '@/src/page-scan/keep-found-videos';
import type { PageScanDeps } from '@/src/page-scan/page-scan-deps';
import { createPageScanStatus } from '@/src/page-scan/page-scan-status';

const page = { pageUrl: 'https://chat.example/c/1', title: 'Old chat' };

function setup(keep: PageScanDeps['keep']) {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const status = createPageScanStatus(document);
  const trigger = document.createElement('button');
  const marked: string[] = [];
  const item = (name: string): FoundItem => ({
    video: { url: `https://cdn.example/${name}.mp4`, key: name },
    element: document.createElement('li'),
    kept: () => false,
    markKept: () => marked.push(name),
  });
  const deps = { keep: vi.fn(keep) };
  return { status, trigger, item, deps, marked, run: (items: FoundItem[]) => keepFoundVideos(items, trigger, { status, deps, page }) };
}

describe('keepFoundVideos', () => {
  it('keeps the videos as found on the page, marks them kept and says how many were new', async () => {
    const { status, trigger, item, deps, marked, run } = setup(async () => ({ ok: true, added: 1 }));
    const items = [item('a'), item('b')];
    status.fail('an earlier failure');
    const kept = run(items);
    expect(trigger.disabled).toBe(true);
    expect(status.element.hasAttribute('data-tone')).toBe(false);
    await kept;
    expect(deps.keep).toHaveBeenCalledWith([items[0]?.video, items[1]?.video], page);
    expect(marked).toEqual(['a', 'b']);
    expect(status.element.textContent).toBe('Kept 1 video.');
    expect(trigger.disabled).toBe(false);
  });

  it('sends nothing when every video is in the library already', async () => {
    const { status, trigger, deps, run } = setup(async () => ({ ok: true, added: 0 }));
    await run([]);
    expect(deps.keep).not.toHaveBeenCalled();
    expect(status.element.textContent).toBe('Already in your library: nothing new to keep.');
    expect(trigger.disabled).toBe(false);
  });

  it('shows why the background refused or the request failed, and marks nothing kept', async () => {
    const refused = setup(async () => ({ ok: false, error: 'Could not keep the videos: disk full' }));
    await refused.run([refused.item('a')]);
    expect(refused.marked).toEqual([]);
    expect([refused.status.element.dataset.tone, refused.status.element.textContent]).toEqual(['error', 'Could not keep the videos: disk full']);
    expect(refused.trigger.disabled).toBe(false);

    const failed = setup(() => Promise.reject(new Error('no background')));
    await failed.run([failed.item('a')]);
    expect([failed.status.element.dataset.tone, failed.status.element.textContent]).toEqual(['error', 'Could not keep the videos: no background']);
    expect(failed.trigger.disabled).toBe(false);
  });
});
