import { describe, expect, it, vi } from 'vitest';
import { createDownloadQueue, type DownloadQueueOptions, type QueuedDownload } from '../../../src/gallery/download-queue';

function setup(results: Record<string, Awaited<ReturnType<DownloadQueueOptions['start']>>>) {
  let last: readonly QueuedDownload[] = [];
  const start = vi.fn(async (id: string) => results[id] ?? { ok: false as const, error: 'gone' });
  const queue = createDownloadQueue({ start, onChange: (items) => (last = items), concurrency: 2 });
  const states = () => Object.fromEntries(last.map((item) => [item.id, item.status.state]));
  return { queue, start, states, last: () => last };
}

describe('createDownloadQueue', () => {
  it('starts two at a time, reports progress, completes and fails per file', async () => {
    const { queue, start, states, last } = setup({
      a: { ok: true, downloadId: 1, filename: 'a.mp4' },
      b: { ok: true, downloadId: 2, filename: 'b.mp4' },
      c: { ok: false, error: 'This video has no downloadable link yet.' },
    });
    queue.add(['a', 'b', 'c']);
    expect(start).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => expect(states()).toEqual({ a: 'downloading', b: 'downloading', c: 'waiting' }));

    queue.update({ id: 1, bytesReceived: 50, totalBytes: 100 });
    expect(last()[0]!.status).toMatchObject({ state: 'downloading', received: 50, total: 100 });
    queue.update({ id: 1, state: 'complete' });
    await vi.waitFor(() => expect(states()).toEqual({ a: 'complete', b: 'downloading', c: 'failed' }));
    expect(last()[2]!.status).toEqual({ state: 'failed', error: 'This video has no downloadable link yet.' });

    queue.update({ id: 2, state: 'interrupted', error: 'NETWORK_FAILED' });
    expect(last()[1]!.status).toEqual({ state: 'failed', error: 'The download was interrupted (NETWORK_FAILED).' });
    queue.update({ id: 99, state: 'complete' });
    queue.clearFinished();
    expect(last()).toEqual([]);
  });

  it('keeps the end of a download that finished before its id came back', async () => {
    let resolveStart: (value: { ok: true; downloadId: number; filename: string }) => void = () => {};
    let last: readonly QueuedDownload[] = [];
    const queue = createDownloadQueue({
      start: () => new Promise((resolve) => (resolveStart = resolve)),
      onChange: (items) => (last = items),
    });
    queue.add(['a']);
    queue.update({ id: 7, totalBytes: 10 });
    queue.update({ id: 7, state: 'complete' });
    resolveStart({ ok: true, downloadId: 7, filename: 'a.mp4' });
    await vi.waitFor(() => expect(last[0]?.status).toEqual({ state: 'complete', downloadId: 7, filename: 'a.mp4' }));
  });

  it('does not queue an entry twice while it runs, and a rejected start is a failure', async () => {
    const { queue, start, states } = setup({ a: { ok: true, downloadId: 1, filename: 'a.mp4' } });
    start.mockRejectedValueOnce(new Error('no background'));
    queue.add(['a']);
    queue.add(['a']);
    await vi.waitFor(() => expect(states()).toEqual({ a: 'failed' }));
    queue.add(['a']);
    await vi.waitFor(() => expect(states()).toEqual({ a: 'downloading' }));
    expect(start).toHaveBeenCalledTimes(2);
  });
});
