import { describe, expect, it } from 'vitest';
import type { StreamOpen } from '@/src/protocol/messages';
import { createKeptStreams, MAX_FRAME_TEXT, MAX_OPEN_STREAMS, MAX_STREAM_TEXT } from '@/src/relay/kept-streams';

const openOf = (id: number): StreamOpen => ({ type: 'stream-open', streamId: `n0-${id}`, endpointUrl: 'https://example.test/api', contentType: 'application/json', startedAt: 0 });

describe('createKeptStreams', () => {
  it(`names the oldest stream only once ${MAX_OPEN_STREAMS} are kept`, () => {
    const kept = createKeptStreams();
    for (let id = 1; id < MAX_OPEN_STREAMS; id += 1) kept.add(id, openOf(id));
    expect(kept.oldestWhenFull()).toBeUndefined();
    kept.add(MAX_OPEN_STREAMS, openOf(MAX_OPEN_STREAMS));
    expect(kept.oldestWhenFull()).toMatchObject({ id: 1, stream: { open: openOf(1) } });
    kept.forget(1);
    expect(kept.size()).toBe(MAX_OPEN_STREAMS - 1);
    expect(kept.oldestWhenFull()).toBeUndefined();
  });

  it("says which cap more text would pass: the stream's own, else the frame's", () => {
    const kept = createKeptStreams();
    kept.add(1, openOf(1));
    kept.add(2, openOf(2));
    kept.add(3, openOf(3));
    const [one, two, three] = [kept.get(1)!, kept.get(2)!, kept.get(3)!];
    expect(kept.overCap(one, MAX_STREAM_TEXT)).toBeUndefined();
    expect(kept.overCap(one, MAX_STREAM_TEXT + 1)).toBe('stream');
    kept.count(one, MAX_STREAM_TEXT);
    kept.count(two, MAX_FRAME_TEXT - MAX_STREAM_TEXT);
    expect(two.size).toBe(MAX_FRAME_TEXT - MAX_STREAM_TEXT);
    expect(kept.overCap(three, 1)).toBe('frame');
    // A confirmed stream frees what it counted against the frame.
    kept.forget(1);
    expect(kept.overCap(three, 1)).toBeUndefined();
    kept.clear();
    expect(kept.size()).toBe(0);
    kept.add(4, openOf(4));
    expect(kept.overCap(kept.get(4)!, MAX_STREAM_TEXT)).toBeUndefined();
  });
});
