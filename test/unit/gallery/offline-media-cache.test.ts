import { describe, expect, it, vi } from 'vitest';
import type { EntryMediaMap } from '../../../src/gallery/entry-media';
import { createOfflineMediaCache } from '../../../src/gallery/offline-media-cache';

describe('createOfflineMediaCache', () => {
  it('asks for each id once until reset, and reports only answers that change a copy', async () => {
    const load = vi.fn(async (ids: string[]): Promise<EntryMediaMap> => new Map(ids.filter((id) => id !== 'b').map((id) => [id, { videoUrl: `blob:${id}` }])));
    const onChange = vi.fn();
    const cache = createOfflineMediaCache(load, onChange);
    cache.ask(['a', 'b']);
    cache.ask(['a', 'b']);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.get('a')).toEqual({ videoUrl: 'blob:a' });
    expect(cache.get('b')).toBeUndefined();
    cache.reset();
    cache.ask(['a']);
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    await Promise.resolve();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('drops an answer from before a reset, and asks again after a failure', async () => {
    let answer: (map: EntryMediaMap) => void = () => {};
    const load = vi.fn(() => new Promise<EntryMediaMap>((resolve) => (answer = resolve)));
    const onChange = vi.fn();
    const cache = createOfflineMediaCache(load, onChange);
    cache.ask(['a']);
    cache.reset();
    answer(new Map([['a', { videoUrl: 'blob:a' }]]));
    await Promise.resolve();
    await Promise.resolve();
    expect(cache.get('a')).toBeUndefined();
    expect(onChange).not.toHaveBeenCalled();

    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = vi.fn(async (): Promise<EntryMediaMap> => Promise.reject(new Error('store closed')));
    const broken = createOfflineMediaCache(failing, onChange);
    broken.ask(['x']);
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    broken.ask(['x']);
    expect(failing).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(error).toHaveBeenCalledTimes(2));
    error.mockRestore();
  });

  it('asks nothing without a loader', () => {
    const cache = createOfflineMediaCache(undefined, vi.fn());
    cache.ask(['a']);
    expect(cache.get('a')).toBeUndefined();
  });
});
