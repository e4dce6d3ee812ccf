import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_STREAM_TEXT_READ } from '@/src/background/capture-service';
import { MAX_STREAM_TEXT } from '@/src/relay/create-relay';
import { answerEventLine, HOSTILE_CASES, SSE } from './support/hostile-cases';
import { DONE_EVENT, STOP_EVENT } from './support/hostile-answer';
import { createPipeline, outcomeOf, trackUnhandledRejections } from './support/pipeline';

/**
 * Every malformed or hostile stream of the corpus (support/hostile-cases.ts) goes through the
 * real path (relay → capture service → IndexedDB) and ends in the outcome its row states; then
 * streams that break in the frame or the worker. Nothing throws, nothing rejects unhandled.
 */

const rejections = trackUnhandledRejections();
afterEach(() => {
  expect(rejections.take()).toEqual([]);
});

describe('hostile streams through relay, capture service and store', () => {
  it('has at least 30 streams in the corpus', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(HOSTILE_CASES.map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    const pipeline = await createPipeline();
    pipeline.stream(1, { contentType: item.contentType, chunks: item.chunks(), finish: item.finish, batchEvery: 4 });
    await pipeline.settle();
    const entries = await pipeline.entries();
    expect(entries.map(outcomeOf).sort()).toEqual([...item.entries].sort());
    expect([...new Set(pipeline.logs.map((log) => log.type))].sort()).toEqual([...item.logs].sort());
    // Every stored link is http(s), whatever the stream held.
    for (const entry of entries) {
      for (const url of [entry.videoUrl, entry.coverUrl, entry.inputImageUrl]) if (url) expect(url).toMatch(/^https?:\/\//);
    }
    // The stream ended, so the relay let go of it: nothing is kept in the frame.
    expect(pipeline.relay.pendingStreams()).toBe(0);
    item.check?.(entries, pipeline);
  }, 60_000);
});

describe('streams that break in the frame or the worker', () => {
  const seedLike = (taskId: string): string[] => [
    answerEventLine(`> VideoTask(id=${taskId}, image_url=None, prompt=p${taskId})\n`),
    answerEventLine('[🤫 任务进度]('),
    answerEventLine('🔥'),
    answerEventLine('🔥)🎉🎉🎉\n\n'),
    answerEventLine(`[视频](https://cdn.test/h/${taskId}_0.mp4)\n`),
    STOP_EVENT,
    DONE_EVENT,
  ];

  it('keeps two streams interleaved in one frame apart', async () => {
    const pipeline = await createPipeline();
    const [a, b] = [seedLike('8001'), seedLike('8002')];
    pipeline.page({ kind: 'open', id: 1, url: 'http://localhost:3000/v1/chat/completions', contentType: SSE });
    pipeline.page({ kind: 'open', id: 2, url: 'http://localhost:3000/v1/chat/completions', contentType: SSE });
    for (let index = 0; index < a.length; index++) {
      // Split mid-event too, so each stream's parser keeps its own half line.
      for (const [id, events] of [[1, a], [2, b]] as const) {
        const event = events[index] ?? '';
        pipeline.page({ kind: 'chunk', id, text: event.slice(0, 9) });
        pipeline.page({ kind: 'chunk', id, text: event.slice(9) });
      }
      pipeline.flush();
    }
    pipeline.page({ kind: 'end', id: 1, outcome: 'complete' });
    pipeline.page({ kind: 'end', id: 2, outcome: 'complete' });
    await pipeline.settle();
    expect((await pipeline.entries()).map((entry) => `${entry.taskId} ${outcomeOf(entry)}`).sort()).toEqual(['8001 done', '8002 done']);
  });

  it('fails the task as interrupted when the tab closes before the video', async () => {
    const pipeline = await createPipeline();
    pipeline.stream(1, { contentType: SSE, chunks: seedLike('8003').slice(0, 3), finish: 'frame-closed' });
    await pipeline.settle();
    expect((await pipeline.entries()).map(outcomeOf)).toEqual(['failed:interrupted']);
    expect(pipeline.logs.map((log) => log.type)).toEqual(['stream-broke']);
  });

  it('keeps the video as partial when the tab closes after it', async () => {
    const pipeline = await createPipeline();
    pipeline.stream(1, { contentType: SSE, chunks: seedLike('8004').slice(0, 5), finish: 'frame-closed' });
    await pipeline.settle();
    expect((await pipeline.entries()).map(outcomeOf)).toEqual(['partial:interrupted']);
  });

  it('loses nothing when the worker is stopped three times in one stream', async () => {
    const pipeline = await createPipeline();
    const events = seedLike('8005');
    pipeline.stream(1, { contentType: SSE, chunks: events.slice(0, 1), finish: 'open' });
    for (const event of events.slice(1)) {
      pipeline.restartWorker();
      pipeline.page({ kind: 'chunk', id: 1, text: event });
      pipeline.flush();
    }
    pipeline.page({ kind: 'end', id: 1, outcome: 'complete' });
    await pipeline.settle();
    expect((await pipeline.entries()).map(outcomeOf)).toEqual(['done']);
    expect(pipeline.relay.pendingStreams()).toBe(0);
  });

  it('cuts a stream in the background when a relay sends more than it may, and marks it truncated', async () => {
    const pipeline = await createPipeline();
    pipeline.page({ kind: 'open', id: 1, url: 'http://localhost:3000/v1/chat/completions', contentType: SSE });
    // A relay that lost its own cap: straight to the service's port.
    const send = (message: unknown): void => pipeline.sendAsRelay(message);
    send({ type: 'stream-chunk', streamId: 'n0-1', seq: 0, text: seedLike('8006').slice(0, 5).join('') });
    // As large as one relay message may be (MAX_CHUNK_TEXT).
    const filler = answerEventLine('x'.repeat(1024 * 1024 - 400));
    const chunks = Math.ceil(MAX_STREAM_TEXT_READ / filler.length) + 2;
    for (let seq = 1; seq <= chunks; seq++) send({ type: 'stream-chunk', streamId: 'n0-1', seq, text: filler });
    send({ type: 'stream-end', streamId: 'n0-1', chunks: chunks + 1, outcome: 'complete' });
    await pipeline.settle();
    expect((await pipeline.entries()).map(outcomeOf)).toEqual(['partial:truncated+truncated']);
    expect(pipeline.logs.map((log) => log.type)).toContain('stream-too-large');
    expect(MAX_STREAM_TEXT_READ).toBeGreaterThan(MAX_STREAM_TEXT);
  });
});
