import { describe, expect, it } from 'vitest';
import type { CaptureLog } from '@/src/background/capture-service';
import type { BackgroundToRelayMessage } from '@/src/protocol/messages';
import { createStreamReplays, MAX_REPLAYS_PER_STREAM } from '@/src/background/stream-replays';

function replaysWithRecords() {
  const logs: CaptureLog[] = [];
  const posted: BackgroundToRelayMessage[] = [];
  const replays = createStreamReplays({ log: (entry) => logs.push(entry), post: (message) => posted.push(message) });
  return { logs, posted, replays };
}

describe('stream replays', () => {
  it('asks once per stream until the stream is opened again', () => {
    const { logs, posted, replays } = replaysWithRecords();
    replays.ask('s1');
    replays.ask('s1');
    replays.ask('s2');
    expect(posted).toEqual([
      { type: 'stream-replay', streamId: 's1' },
      { type: 'stream-replay', streamId: 's2' },
    ]);
    expect(logs).toEqual([
      { streamId: 's1', type: 'replay', message: 'stream state missing, asked the relay to replay it' },
      { streamId: 's2', type: 'replay', message: 'stream state missing, asked the relay to replay it' },
    ]);
    replays.opened('s1');
    replays.ask('s1');
    expect(posted).toHaveLength(3);
  });

  it('gives a stream up after a few replays, saying so once', () => {
    const { logs, posted, replays } = replaysWithRecords();
    for (let round = 0; round < MAX_REPLAYS_PER_STREAM + 3; round += 1) {
      replays.ask('s1');
      replays.opened('s1');
    }
    expect(posted).toHaveLength(MAX_REPLAYS_PER_STREAM);
    expect(logs.filter((entry) => entry.message === `gave up after ${MAX_REPLAYS_PER_STREAM} replays`)).toHaveLength(1);
  });
});
