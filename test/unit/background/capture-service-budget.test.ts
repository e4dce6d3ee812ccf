import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCaptureService, type CaptureLog } from '@/src/background/capture-service';
import { createStreamBudget, type StreamBudgetLimits } from '@/src/background/stream-budget';
import type { BackgroundToRelayMessage, RelayMessage } from '@/src/protocol/messages';
import { openVideoDb } from '@/src/store/video-db';
import { createVideoStore, type VideoStore } from '@/src/store/video-store';
import { createFakePort } from '../../support/fake-port';
import { openAiStream } from '../../support/seed';

const EXTENSION_ID = 'test-extension-id';
const sender = { id: EXTENSION_ID, url: 'http://localhost:3000/chat', frameId: 0, tab: { id: 1 } };
let store: VideoStore;
let dbCount = 0;

beforeEach(async () => {
  dbCount += 1;
  store = createVideoStore(await openVideoDb(`service-budget-${dbCount}`));
});

const answer = (task: string): string[] => [
  `> VideoTask(id=${task}, image_url=, prompt=a dog on the beach)\n\n`,
  '[任务进度](https://p.test/x)🔥\n\n',
  `[▶️ 视频](https://cdn.test/${task}.mp4)\n`,
];

/** One stream as the relay sends it, in one chunk per piece of answer text. */
function streamMessages(streamId: string, pieces: string[]): RelayMessage[] {
  const text = openAiStream(pieces);
  const events = text.split(/(?<=\n\n)/);
  return [
    { type: 'stream-open', streamId, endpointUrl: 'http://localhost:3000/v1/chat/completions', contentType: 'text/event-stream', startedAt: 1 },
    ...events.map((chunk, seq): RelayMessage => ({ type: 'stream-chunk', streamId, seq, text: chunk })),
    { type: 'stream-end', streamId, chunks: events.length, outcome: 'complete' },
  ];
}

function serviceWith(limits: (streamId: number) => StreamBudgetLimits, clock: () => number = () => 0) {
  const logs: CaptureLog[] = [];
  let opened = 0;
  const service = createCaptureService({
    extensionId: EXTENSION_ID,
    store,
    log: (entry) => logs.push(entry),
    onEntriesChanged: () => {},
    streamBudget: () => createStreamBudget(limits(opened++), clock),
  });
  const port = createFakePort<unknown, BackgroundToRelayMessage>(sender);
  service.connect(port);
  return { service, port, logs };
}

describe('capture service: the reading budget of each stream', () => {
  it('drops a stream that goes over its lines, keeps what it found, and serves the other streams', async () => {
    // The first stream may read only its first events (the task line); the second has room.
    const { service, port, logs } = serviceWith((index) => ({ maxMs: 60_000, maxLines: index === 0 ? 3 : 1_000 }));
    const slow = streamMessages('slow', answer('slow-task'));
    const fine = streamMessages('fine', answer('fine-task'));
    // Interleaved: the drop of one never stops the other.
    for (let index = 0; index < Math.max(slow.length, fine.length); index += 1) {
      if (slow[index]) port.deliver(slow[index]);
      if (fine[index]) port.deliver(fine[index]);
    }
    await service.idle();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(logs.filter((log) => log.type === 'too-slow')).toEqual([
      { streamId: 'slow', type: 'too-slow', message: expect.stringMatching(/more than 3 lines/) as string },
    ]);
    const entries = await store.list();
    const byTask = new Map(entries.map((entry) => [entry.taskId, entry]));
    expect(byTask.get('fine-task')).toMatchObject({ status: 'done', videoUrl: 'https://cdn.test/fine-task.mp4' });
    // What the dropped stream read before the limit stays, ended as the stream was cut.
    expect(byTask.get('slow-task')).toMatchObject({ status: 'failed' });
    expect(byTask.get('slow-task')?.videoUrl).toBeUndefined();
    // Both streams are confirmed, so the relay lets go of them.
    expect(port.posted).toContainEqual({ type: 'stream-closed', streamId: 'slow' });
    expect(port.posted).toContainEqual({ type: 'stream-closed', streamId: 'fine' });
  });

  it('drops a stream whose reading takes longer than its time budget', async () => {
    let clock = 0;
    // Every read costs 3 s on this clock; 10 s are allowed, so the fourth read goes over.
    const { service, port, logs } = serviceWith(
      () => ({ maxMs: 10_000, maxLines: 1_000 }),
      () => (clock += 3_000),
    );
    for (const message of streamMessages('slow', answer('slow-task'))) port.deliver(message);
    await service.idle();
    const tooSlow = logs.filter((log) => log.type === 'too-slow');
    expect(tooSlow).toHaveLength(1);
    expect(tooSlow[0]?.message).toMatch(/took more than 10000 ms/);
  });
});
