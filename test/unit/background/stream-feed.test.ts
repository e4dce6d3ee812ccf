import { describe, expect, it } from 'vitest';
import type { CaptureLog } from '@/src/background/capture-service';
import type { CaptureSession, SessionEnd } from '@/src/background/capture-session';
import { createStreamBudget } from '@/src/background/stream-budget';
import { createStreamFeed, MAX_STREAM_TEXT_READ } from '@/src/background/stream-feed';
import type { EntryUpdate } from '@/src/store/merge-entry';

const update = (id: string): EntryUpdate => ({ id, status: 'partial', site: 's', pageUrl: 'p', endpointUrl: 'e', index: 0 });

/** A session that keeps what it was fed and makes one update per push and one per end. */
function recordingSession() {
  const pushed: string[] = [];
  const ended: SessionEnd[] = [];
  const session: CaptureSession = {
    push(text) {
      pushed.push(text);
      return [update(`push-${pushed.length}`)];
    },
    end(how) {
      ended.push(how);
      return ended.length === 1 ? [update(`end-${how}`)] : [];
    },
    entryIds: new Set(['entry-1']),
    summary: () => ({ found: pushed.length }),
  };
  return { session, pushed, ended };
}

function feedWith(budget = createStreamBudget()) {
  const { session, pushed, ended } = recordingSession();
  const logs: CaptureLog[] = [];
  const written: string[][] = [];
  const feed = createStreamFeed({
    streamId: 's1',
    session,
    budget,
    write: (updates) => {
      written.push(updates.map((item) => item.id));
      return Promise.resolve([]);
    },
    log: (entry) => logs.push(entry),
  });
  return { feed, pushed, ended, logs, written };
}

describe('stream feed', () => {
  it('counts a message once its whole text is in, and writes what each piece makes', () => {
    const { feed, pushed, written } = feedWith();
    feed.read('a', false);
    expect(feed.nextSeq).toBe(0);
    feed.read('b');
    expect(feed.nextSeq).toBe(1);
    expect(pushed).toEqual(['a', 'b']);
    expect(written).toEqual([['push-1'], ['push-2']]);
    expect([...feed.entryIds]).toEqual(['entry-1']);
  });

  it('decodes bytes in pieces, keeping a character split between two batches whole', () => {
    const { feed, pushed } = feedWith();
    const bytes = new TextEncoder().encode('héllo');
    feed.readBytes(bytes.subarray(0, 2), true);
    feed.readBytes(bytes.subarray(2), true);
    expect(pushed.join('')).toBe('héllo');
    expect(feed.nextSeq).toBe(2);
  });

  it('ends with a character cut off by the last byte as U+FFFD, as a page decodes it', async () => {
    const { feed, pushed, ended, written } = feedWith();
    feed.readBytes(new TextEncoder().encode('é').subarray(0, 1), true);
    await feed.finish('complete');
    expect(pushed).toEqual(['', '\uFFFD']);
    expect(ended).toEqual(['complete']);
    expect(written.at(-1)).toEqual(['end-complete']);
  });

  it('goes on after a lost part without joining a character across it', async () => {
    const { feed, pushed } = feedWith();
    feed.readBytes(new TextEncoder().encode('é').subarray(0, 1), false);
    feed.skipGap(true);
    await feed.finish('complete');
    expect(pushed).toEqual(['', '\n\n']);
    expect(feed.nextSeq).toBe(1);
  });

  it('logs why a stream broke', async () => {
    const { feed, logs } = feedWith();
    await feed.finish('disconnected');
    await feed.finish('error', 'HTTP 500');
    expect(logs).toEqual([
      { streamId: 's1', type: 'stream-broke', message: 'the page went away mid-stream' },
      { streamId: 's1', type: 'stream-broke', message: 'the stream ended as error: HTTP 500' },
    ]);
  });

  it('cuts a stream past its size, then only counts what comes', () => {
    const { feed, pushed, ended, logs } = feedWith();
    feed.read('x'.repeat(MAX_STREAM_TEXT_READ));
    feed.read('y');
    feed.read('z');
    expect(pushed).toHaveLength(1);
    expect(ended).toEqual(['truncated']);
    expect(logs.map((entry) => entry.type)).toEqual(['stream-too-large']);
    expect(feed.nextSeq).toBe(3);
  });

  it('cuts a stream over its reading budget, keeping what the last read made', () => {
    const { feed, pushed, written, logs } = feedWith(createStreamBudget({ maxMs: 10_000, maxLines: 2 }));
    feed.read('one\ntwo\n');
    feed.read('three\n');
    feed.read('four\n');
    expect(pushed).toEqual(['one\ntwo\n']);
    expect(written).toEqual([['push-1'], ['end-truncated']]);
    expect(logs).toEqual([{ streamId: 's1', type: 'too-slow', message: 'more than 2 lines: dropped, the rest is not read' }]);
    expect(feed.nextSeq).toBe(3);
  });
});
