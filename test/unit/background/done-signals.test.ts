import { describe, expect, it } from 'vitest';
import {
  decideDoneSignals,
  emptyDoneSignalState,
  forgetWatched,
  MAX_SIGNALLED,
  MAX_WATCHED,
  parseDoneSignalState,
  signalsFor,
  WATCH_FOR_MS,
  type DoneSignalState,
} from '@/src/background/done-signals';
import type { VideoEntry, VideoStatus } from '@/src/store/video-entry';

const T0 = Date.UTC(2025, 2, 25, 6, 0, 0);

function entry(id: string, status: VideoStatus, extra: Partial<VideoEntry> = {}): VideoEntry {
  return {
    id,
    status,
    progress: 0,
    site: 'http://localhost:3000',
    pageUrl: 'http://localhost:3000/chat',
    endpointUrl: 'http://localhost:3000/v1/chat/completions',
    index: 0,
    createdAt: T0,
    updatedAt: T0,
    ...(status === 'done' || status === 'partial' ? { videoUrl: `https://cdn.example/${id}.mp4` } : {}),
    ...extra,
  };
}

/** Feeds writes one after another, as the capture service reports them; returns the ids signalled by each. */
function run(writes: Array<{ entries: VideoEntry[]; writtenAt?: number }>, start: DoneSignalState = emptyDoneSignalState()) {
  let state = start;
  const done: string[][] = [];
  for (const [index, write] of writes.entries()) {
    const decision = decideDoneSignals(state, write.entries, { writtenAt: write.writtenAt ?? T0 + 1000 * (index + 1), now: T0 + 1000 * (index + 1) });
    state = decision.state;
    done.push(decision.done.map((item) => item.id));
  }
  return { state, done };
}

describe('decideDoneSignals', () => {
  it('signals an entry seen generating once it is done, once', () => {
    const { done, state } = run([
      { entries: [entry('task:1:0', 'generating')] },
      { entries: [entry('task:1:0', 'generating', { progress: 3 })] },
      { entries: [entry('task:1:0', 'partial')] },
      { entries: [entry('task:1:0', 'done')] },
      // A relay replaying the stream after a worker restart writes the same entry again.
      { entries: [entry('task:1:0', 'generating'), entry('task:1:0', 'done')] },
      { entries: [entry('task:1:0', 'done')] },
    ]);
    expect(done).toEqual([[], [], [], ['task:1:0'], [], []]);
    expect(state).toEqual({ watching: [], signalled: ['task:1:0'] });
  });

  it('signals a video that arrives done at once, in the write that created it (a non-streaming answer)', () => {
    const created = T0 + 5000;
    const decision = decideDoneSignals(emptyDoneSignalState(), [entry('url:a', 'done', { createdAt: created, updatedAt: created })], {
      writtenAt: created,
      now: created,
    });
    expect(decision.done.map((item) => item.id)).toEqual(['url:a']);
    expect(decision.changed).toBe(true);
  });

  it('never signals an old entry seen again: a replay, a reloaded chat, a re-signed link of the same video', () => {
    // Created before this write and never seen streaming: the library already had it.
    const old = entry('task:7:0', 'done', { createdAt: T0 - 60_000, updatedAt: T0 + 5000 });
    const decision = decideDoneSignals(emptyDoneSignalState(), [old, old], { writtenAt: T0 + 5000, now: T0 + 5000 });
    expect(decision.done).toEqual([]);
    expect(decision.changed).toBe(false);
    // Read back from the store (no write time): never new either.
    expect(decideDoneSignals(emptyDoneSignalState(), [entry('task:8:0', 'done')], { now: T0 }).done).toEqual([]);
  });

  it('sees generating then done within one write (a fast stream batched into one store write)', () => {
    const { done } = run([{ entries: [entry('task:2:0', 'generating', { createdAt: 0 }), entry('task:2:0', 'done', { createdAt: 0 })] }]);
    expect(done).toEqual([['task:2:0']]);
  });

  it('keeps watching what a stopped worker saw generating, so a later answer that finishes it still counts', () => {
    // Worker 1: the task streams, then fails (the answer ended without a video).
    const first = run([{ entries: [entry('task:3:0', 'generating')] }, { entries: [entry('task:3:0', 'failed', { failureReason: 'no-result' })] }]);
    expect(first.state.watching.map((item) => item.id)).toEqual(['task:3:0']);
    // Worker 2 gets only the saved state; a later answer delivers the video of the same task.
    const stored = parseDoneSignalState(JSON.parse(JSON.stringify(first.state)));
    const second = run([{ entries: [entry('task:3:0', 'done')], writtenAt: T0 + 99_000 }], stored);
    expect(second.done).toEqual([['task:3:0']]);
  });

  it('does not start watching on a write that shows nothing streaming', () => {
    const decision = decideDoneSignals(emptyDoneSignalState(), [entry('task:4:0', 'failed'), entry('task:5:0', 'partial', { partialReason: 'interrupted' })], {
      writtenAt: T0 + 1,
      now: T0 + 1,
    });
    expect(decision).toMatchObject({ done: [], changed: false, state: { watching: [] } });
  });

  it('forgets watched entries after a day and keeps the lists bounded', () => {
    const watching = Array.from({ length: MAX_WATCHED + 50 }, (_, index) => ({ id: `task:w${index}:0`, since: T0 + index }));
    const signalled = Array.from({ length: MAX_SIGNALLED + 50 }, (_, index) => `task:s${index}:0`);
    const parsed = parseDoneSignalState({ watching, signalled });
    expect(parsed.watching).toHaveLength(MAX_WATCHED);
    expect(parsed.signalled).toHaveLength(MAX_SIGNALLED);
    expect(parsed.watching[0]?.id).toBe('task:w50:0');

    const later = decideDoneSignals(parsed, [entry('task:new:0', 'done', { createdAt: T0 + WATCH_FOR_MS + 100 })], {
      writtenAt: T0 + WATCH_FOR_MS + 100,
      now: T0 + WATCH_FOR_MS + 100,
    });
    expect(later.state.watching.length).toBeLessThan(MAX_WATCHED);
    expect(later.state.watching.every((item) => item.since > T0 + 100)).toBe(true);
    expect(later.state.signalled).toHaveLength(MAX_SIGNALLED);
    expect(later.state.signalled.at(-1)).toBe('task:new:0');
    expect(JSON.stringify(later.state).length).toBeLessThan(30_000);
  });

  it('reads junk as an empty state', () => {
    for (const junk of [undefined, null, 'x', 42, { watching: 'x', signalled: [1, null, ''] }, { watching: [{ id: 'a' }, { since: 1 }, null] }]) {
      expect(parseDoneSignalState(junk)).toEqual(emptyDoneSignalState());
    }
  });

  it('forgets entries deleted while they were watched', () => {
    const state = { watching: [{ id: 'a', since: 1 }, { id: 'b', since: 2 }], signalled: [] };
    expect(forgetWatched(state, new Set(['a']))).toMatchObject({ changed: true, state: { watching: [{ id: 'b', since: 2 }] } });
    expect(forgetWatched(state, new Set()).changed).toBe(false);
  });
});

describe('signalsFor', () => {
  it('downloads and notifies only what the user switched on', () => {
    const done = [entry('task:1:0', 'done')];
    expect(signalsFor(done, { autoDownload: false, notifyDone: false })).toEqual({ download: [], notify: [] });
    expect(signalsFor(done, { autoDownload: true, notifyDone: false })).toEqual({ download: done, notify: [] });
    expect(signalsFor(done, { autoDownload: false, notifyDone: true })).toEqual({ download: [], notify: done });
  });
});
