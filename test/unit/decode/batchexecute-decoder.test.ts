import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchexecuteResults, createBatchexecuteDecoder, type BatchexecuteIssue } from '@/src/decode/batchexecute-decoder';

function decode(chunks: string[], maxFrame = 10_000) {
  const frames: string[] = [];
  const issues: BatchexecuteIssue[] = [];
  const decoder = createBatchexecuteDecoder((json) => frames.push(json), (issue) => issues.push(issue), maxFrame);
  for (const chunk of chunks) decoder.feed(chunk);
  decoder.end();
  return { frames, issues };
}

/** A body framed as Google frames it: the length counts from after the digits, both newlines in. */
function framed(values: unknown[]): string {
  return `)]}'\n${values.map((value) => {
    const json = `\n${JSON.stringify(value)}\n`;
    return `${json.length}${json}`;
  }).join('')}`;
}

/** Splits `text` at the given cut points (code unit offsets, any order, duplicates allowed). */
function cut(text: string, points: number[]): string[] {
  const sorted = [...new Set(points.map((point) => point % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let last = 0;
  for (const point of sorted) {
    chunks.push(text.slice(last, point));
    last = point;
  }
  chunks.push(text.slice(last));
  return chunks;
}

const wrb = (rpcId: string | null, payload: unknown) => [['wrb.fr', rpcId, JSON.stringify(payload), null, null, null, 'generic'], ['di', 59]];

describe('createBatchexecuteDecoder', () => {
  it('hands on each length-prefixed frame after the )]}\' line', () => {
    const body = framed([wrb('hNvQHb', [[1, 'a']]), [['e', 4, null, null, 129]]]);
    expect(decode([body]).frames.map((frame) => JSON.parse(frame) as unknown)).toEqual([wrb('hNvQHb', [[1, 'a']]), [['e', 4, null, null, 129]]]);
  });

  it('counts lengths in UTF-16 code units, as a JavaScript string length, with multibyte text and surrogate pairs', () => {
    const value = wrb(null, ['视频 🎬 done', 'ü']);
    const body = framed([value, [['di', 1]]]);
    for (let at = 0; at <= body.length; at += 1) {
      expect(decode([body.slice(0, at), body.slice(at)]).frames.map((frame) => JSON.parse(frame) as unknown)).toEqual([value, [['di', 1]]]);
    }
  });

  it('reads a body without the prefix, and an unframed body (no rt=c) whole', () => {
    expect(decode([framed([[1]]).slice(5)]).frames).toEqual(['[1]']);
    expect(decode([")]}'\n\n", '[["wrb.fr","x","[]"]', ']\n']).frames).toEqual(['[["wrb.fr","x","[]"]]']);
  });

  it('skips a frame over the limit by its length and goes on with the next', () => {
    const body = framed([['x'.repeat(200)], ['ok']]);
    const { frames, issues } = decode(Array.from(body), 100);
    expect(frames).toEqual(['["ok"]']);
    expect(issues.map((issue) => issue.type)).toEqual(['too-large']);
  });

  it('stops, once, at text that is neither a length nor a frame, and drops a frame cut short', () => {
    const { frames, issues } = decode([")]}'\n5\n[1]\nnot a frame 12\n[2]"]);
    expect(frames).toEqual(['[1]']);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.type).toBe('not-json');
    expect(decode([")]}'\n20\n[1,"]).frames).toEqual([]);
  });

  it('gives the same frames however the body is cut (property)', () => {
    const payload = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.constant(null)), { maxLength: 5 });
    fc.assert(
      fc.property(fc.array(payload, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), (values, points) => {
        const body = framed(values.map((value) => wrb('rpc', value)));
        const whole = decode([body]).frames;
        expect(whole).toHaveLength(values.length);
        expect(decode(cut(body, points)).frames).toEqual(whole);
        expect(whole.map((frame) => batchexecuteResults(JSON.parse(frame))?.[0]?.payload)).toEqual(values);
      }),
    );
  });

  it('takes time linear in the body: a 4 MB frame in 64 KiB chunks decodes fast', () => {
    const big = framed([wrb('x', ['y'.repeat(4 * 1024 * 1024)])]);
    const chunks = cut(big, Array.from({ length: Math.ceil(big.length / 65_536) }, (_, index) => index * 65_536));
    const started = performance.now();
    expect(decode(chunks, 8 * 1024 * 1024).frames).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('batchexecuteResults', () => {
  it('parses each wrb.fr payload and leaves out the others', () => {
    const frame = [['wrb.fr', 'hNvQHb', '[[1]]', null, null, null, 'generic'], ['wrb.fr', null, '{"a":1}'], ['er', null, null, null, null, 400], ['wrb.fr', 'x', 'not json'], ['wrb.fr', 'y', null], ['di', 12]];
    expect(batchexecuteResults(frame)).toEqual([{ rpcId: 'hNvQHb', payload: [[1]] }, { payload: { a: 1 } }]);
  });

  it('is undefined for what is not a frame', () => {
    expect(batchexecuteResults({ a: 1 })).toBeUndefined();
    expect(batchexecuteResults([1, 2])).toBeUndefined();
    expect(batchexecuteResults([])).toEqual([]);
  });
});
