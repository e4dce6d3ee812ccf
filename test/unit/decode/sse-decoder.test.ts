import { describe, expect, it } from 'vitest';
import { createSseDecoder, MAX_SSE_BUFFER } from '@/src/decode/sse-decoder';

/**
 * A run reader like the OpenAI one: it takes whole `data: x<n>\n\n` events only (one line, the
 * blank line included) and declines everything else. Each event reaches either it or the parser.
 */
function decodeWithRuns(chunks: readonly string[]): { order: string[]; runCalls: Array<{ text: string; from: number }> } {
  const order: string[] = [];
  const runCalls: Array<{ text: string; from: number }> = [];
  const event = /data: x(\d+)\n\n/y;
  const decoder = createSseDecoder(
    (message) => order.push(`parser:${message.data}`),
    (issue) => order.push(`issue:${issue.type}`),
    (text, from) => {
      runCalls.push({ text, from });
      let at = from;
      event.lastIndex = at;
      for (let match = event.exec(text); match; match = event.exec(text)) {
        order.push(`run:x${match[1]}`);
        at = event.lastIndex;
      }
      return at;
    },
  );
  for (const chunk of chunks) decoder.feed(chunk);
  decoder.end();
  return { order, runCalls };
}

const STREAM = 'data: first\n\ndata: x1\n\ndata: x2\n\n: keep-alive\n\ndata: x3\n\ndata: y4\n\ndata: x5\n\ndata: x6\n\ndata: [DONE]\n\n';
const EXPECTED = ['first', 'x1', 'x2', 'x3', 'y4', 'x5', 'x6', '[DONE]'];
/** The events' data in order, whichever of the two read each (that depends on where the chunks end). */
const dataOf = (chunks: readonly string[]): string[] => decodeWithRuns(chunks).order.map((item) => item.replace(/^(run|parser):/, ''));

describe('createSseDecoder with a run reader', () => {
  it('delivers every event once and in order, wherever one or two chunk boundaries fall', () => {
    expect(decodeWithRuns([STREAM]).order).toEqual(['parser:first', 'run:x1', 'run:x2', 'run:x3', 'parser:y4', 'run:x5', 'run:x6', 'parser:[DONE]']);
    for (let cut = 1; cut < STREAM.length; cut += 1) {
      expect(dataOf([STREAM.slice(0, cut), STREAM.slice(cut)]), `cut at ${cut}`).toEqual(EXPECTED);
      const second = cut + 7 < STREAM.length ? cut + 7 : STREAM.length - 1;
      if (second > cut) expect(dataOf([STREAM.slice(0, cut), STREAM.slice(cut, second), STREAM.slice(second)]), `cuts at ${cut}, ${second}`).toEqual(EXPECTED);
    }
    // One character at a time: every event arrives in pieces, and the reader still reads them.
    const { order } = decodeWithRuns(Array.from({ length: STREAM.length }, (_, index) => STREAM.charAt(index)));
    expect(order.map((item) => item.replace(/^(run|parser):/, ''))).toEqual(EXPECTED);
    expect(order.filter((item) => item.startsWith('run:')).length).toBeGreaterThanOrEqual(3);
  });

  it('gives the run reader an event cut by a chunk boundary whole, so the parser never reads its bytes', () => {
    const head = 'data: first\n\ndata: x1\n\ndat';
    const { order, runCalls } = decodeWithRuns([head, 'a: x2\n', '\ndata: x3\n\n']);
    expect(order).toEqual(['parser:first', 'run:x1', 'run:x2', 'run:x3']);
    // The held start and the rest, joined, read from their start.
    expect(runCalls).toContainEqual({ text: 'data: x2\n\n', from: 0 });
  });

  it('hands an unfinished event to the parser when the stream ends (a stream cut before its blank line)', () => {
    expect(decodeWithRuns(['data: first\n\ndata: x1\n\ndata: x2\n']).order).toEqual(['parser:first', 'run:x1', 'parser:x2']);
    expect(decodeWithRuns(['data: first\n\ndata: x1\n\nda', 'ta: tail']).order).toEqual(['parser:first', 'run:x1', 'parser:tail']);
  });

  it('stops holding an event that grows past what a run event can be, and the parser still reads it', () => {
    const long = 'z'.repeat(200 * 1024);
    const pieces = ['data: first\n\ndata: x1\n\ndata: ', long.slice(0, 100 * 1024), long.slice(100 * 1024), '\n\ndata: x2\n\n'];
    expect(decodeWithRuns(pieces).order).toEqual(['parser:first', 'run:x1', `parser:${long}`, 'run:x2']);
  });

  it('keeps the parser limit on an event that never ends: it is dropped with an issue', () => {
    const huge = 'z'.repeat(MAX_SSE_BUFFER / 4);
    const chunks = ['data: first\n\ndata: x1\n\ndata: ', ...Array.from({ length: 5 }, () => huge), '\n\ndata: x2\n\n'];
    const { order } = decodeWithRuns(chunks);
    expect(order[0]).toBe('parser:first');
    expect(order[1]).toBe('run:x1');
    expect(order).toContain('issue:max-buffer-size-exceeded');
    expect(order.some((item) => item.startsWith('parser:zzz'))).toBe(false);
  });
});
