import { describe, expect, it } from 'vitest';
import { MAX_EMBEDDED_BLOB } from '@/src/relay/blob-batches';
import { BULK_FLUSH_BYTES, createBatchWindow, FLUSH_MS, MAX_HOLD_MS } from '@/src/relay/batch-window';
import { createKeptStreams, type KeptStream } from '@/src/relay/kept-streams';
import { FLUSH_TEXT } from '@/src/relay/take-batches';

const setup = () => {
  const kept = createKeptStreams();
  kept.add(1, { type: 'stream-open', streamId: 'n0-1', endpointUrl: 'https://example.test/api', contentType: 'application/json', startedAt: 0 });
  const stream = kept.get(1)!;
  const clock = { now: 0 };
  const timers: Array<{ callback: () => void; ms: number }> = [];
  const flushed: KeptStream[] = [];
  const batchWindow = createBatchWindow({
    schedule: (callback, ms) => timers.push({ callback, ms }),
    now: () => clock.now,
    streams: () => kept.all(),
    flush: (flushing) => flushed.push(flushing),
  });
  const fire = (): void => timers.splice(0).forEach((timer) => timer.callback());
  return { stream, clock, timers, flushed, batchWindow, fire };
};

describe('createBatchWindow', () => {
  it(`sends what is pending when the ${FLUSH_MS} ms window closes, with one timer however many chunks came`, () => {
    const { stream, timers, flushed, batchWindow, fire } = setup();
    stream.pending = 'a';
    batchWindow.queued(stream);
    stream.pending += 'b';
    batchWindow.queued(stream);
    expect(timers.map((timer) => timer.ms)).toEqual([FLUSH_MS]);
    expect(flushed).toEqual([]);
    fire();
    expect(flushed).toEqual([stream]);
  });

  it('sends at once what makes a full batch', () => {
    const { stream, timers, flushed, batchWindow } = setup();
    stream.pending = 'x'.repeat(FLUSH_TEXT);
    batchWindow.queued(stream);
    stream.pending = '';
    stream.partsSize = BULK_FLUSH_BYTES;
    batchWindow.queued(stream);
    expect(flushed).toEqual([stream, stream]);
    expect(timers).toEqual([]);
  });

  it(`holds a fast Blob-mode body for a bulk Blob, but no longer than ${MAX_HOLD_MS} ms`, () => {
    const { stream, clock, flushed, batchWindow, fire } = setup();
    stream.partsSize = MAX_EMBEDDED_BLOB + 1;
    stream.heldSince = 0;
    batchWindow.queued(stream);
    clock.now = MAX_HOLD_MS - 1;
    fire();
    expect(flushed).toEqual([]);
    clock.now = MAX_HOLD_MS;
    fire();
    expect(flushed).toEqual([stream]);
  });
});
