import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  SEED_MEDIA_PREFIX,
  contentDeltas,
  echoPrompt,
  encodeSse,
  findTaskLineEnd,
  parseSseEvents,
  planDelays,
  readSeedEvents,
  replaceInDeltas,
  rewriteMediaOrigin,
  sliceBytes,
  toFailureVariant,
} from '../../demo-site/seed-replay';

const fixturesDir = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const seedText = readFileSync(join(fixturesDir, 'streams/cogvideo-dog.sse'), 'utf8');
const expected = JSON.parse(readFileSync(join(fixturesDir, 'streams/cogvideo-dog.expected.json'), 'utf8')) as {
  content: string;
};
const events = readSeedEvents(fixturesDir);
const deltas = contentDeltas(events);
const LOCAL = 'http://127.0.0.1:8787/media/';

/** Splits text into pieces of the given sizes, cycling, so a URL crosses many deltas. */
function chop(text: string, sizes: readonly number[]): string[] {
  const pieces: string[] = [];
  for (let at = 0, turn = 0; at < text.length; turn++) {
    const size = sizes[turn % sizes.length] ?? 1;
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  return pieces;
}

describe('readSeedEvents', () => {
  it('reads the 77 chunks and the final [DONE], with their created times', () => {
    expect(events).toHaveLength(78);
    expect(events.at(-1)).toEqual({ data: '[DONE]', created: undefined });
    expect(events[0]?.created).toBe(1742889537);
    expect(events[65]?.created).toBe(1742889543);
    expect(deltas.join('')).toBe(expected.content);
  });

  it('encodes back to the exact file bytes when nothing changed', () => {
    expect(encodeSse(events)).toBe(seedText);
    expect(encodeSse(events, deltas)).toBe(seedText);
  });

  it('follows the SSE rules for CRLF, multi-line data and non-data lines', () => {
    expect(parseSseEvents(': comment\r\nevent: x\r\ndata: a\r\ndata:b\r\n\r\ndata: [DONE]\n\n')).toEqual([
      { data: 'a\nb', created: undefined },
      { data: '[DONE]', created: undefined },
    ]);
  });
});

describe('rewriteMediaOrigin', () => {
  it('rewrites the seed URLs in the deltas that held them', () => {
    const rewritten = rewriteMediaOrigin(deltas, SEED_MEDIA_PREFIX, LOCAL);
    expect(rewritten).toHaveLength(deltas.length);
    expect(rewritten.join('')).toBe(expected.content.replaceAll(SEED_MEDIA_PREFIX, LOCAL));
    expect(rewritten.join('')).not.toContain('bigmodel.cn');
    // Deltas without a URL are the very same strings.
    rewritten.forEach((delta, index) => {
      if (!deltas[index]?.includes(SEED_MEDIA_PREFIX)) expect(delta).toBe(deltas[index]);
    });
  });

  it.each([[[1]], [[3, 1, 7]], [[2, 5]], [[40, 1]]])('never splits a replacement, URL chopped by %j', (sizes) => {
    const chopped = chop(expected.content, sizes);
    const rewritten = rewriteMediaOrigin(chopped, SEED_MEDIA_PREFIX, LOCAL);
    expect(rewritten).toHaveLength(chopped.length);
    expect(rewritten.join('')).toBe(expected.content.replaceAll(SEED_MEDIA_PREFIX, LOCAL));
    expect(rewritten.filter((delta) => delta.includes(LOCAL)).length).toBe(3);
    // Every other character stays in its delta: removing the replacements gives back the originals
    // minus the characters of each original prefix.
    let removed = 0;
    rewritten.forEach((delta, index) => {
      const original = chopped[index] ?? '';
      const without = delta.replaceAll(LOCAL, '');
      expect(original.length - without.length).toBeGreaterThanOrEqual(0);
      removed += original.length - without.length;
    });
    expect(removed).toBe(3 * SEED_MEDIA_PREFIX.length);
  });

  it('puts the replacement where the match started, emptying the deltas it spanned', () => {
    expect(replaceInDeltas(['xa', 'b', 'cy', 'abc'], 'abc', 'Z')).toEqual(['xZ', '', 'y', 'Z']);
    expect(replaceInDeltas(['a', '', 'bc'], 'abc', 'Z')).toEqual(['Z', '', '']);
    expect(replaceInDeltas(['aaa'], 'aa', 'b')).toEqual(['ba']);
  });
});

describe('echoPrompt', () => {
  it('puts the user prompt in the VideoTask line, one line long', () => {
    const echoed = echoPrompt(deltas, '  一只猫\n在草地上跑 ');
    expect(echoed).toHaveLength(deltas.length);
    expect(echoed.join('')).toBe(expected.content.replace('prompt=一条狗)', 'prompt=一只猫 在草地上跑)'));
  });

  it('keeps the recorded prompt for an empty one', () => {
    expect(echoPrompt(deltas, ' \n')).toEqual(deltas);
  });
});

describe('findTaskLineEnd', () => {
  it('finds the delta whose newline ends the VideoTask line', () => {
    const index = findTaskLineEnd(deltas);
    expect(index).toBe(63);
    expect(deltas.slice(0, (index ?? 0) + 1).join('')).toBe(
      '> VideoTask(id=8891215448425547870, image_url=None, prompt=一条狗)\n',
    );
    expect(findTaskLineEnd(['no task', '\n'])).toBeUndefined();
  });
});

describe('toFailureVariant', () => {
  it('streams some 🔥 and stops without the result', () => {
    const failed = toFailureVariant(events);
    const content = contentDeltas(failed).join('');
    expect(content).toBe(
      '> VideoTask(id=8891215448425547870, image_url=None, prompt=一条狗)\n[🤫 任务进度](🔥🔥🔥',
    );
    expect(failed.at(-1)?.data).toBe('[DONE]');
    expect(failed.at(-2)?.data).toContain('"finish_reason":"stop"');
  });
});

describe('encodeSse', () => {
  it('re-serializes changed chunks and keeps their other fields', () => {
    const rewritten = rewriteMediaOrigin(deltas, SEED_MEDIA_PREFIX, LOCAL);
    const wire = encodeSse(events, rewritten);
    expect(wire.endsWith('data: [DONE]\n\n')).toBe(true);
    const reparsed = parseSseEvents(wire);
    expect(contentDeltas(reparsed)).toEqual(rewritten);
    const changed = JSON.parse(reparsed[73]?.data ?? '') as Record<string, unknown>;
    const original = JSON.parse(events[73]?.data ?? '') as Record<string, unknown>;
    expect(Object.keys(changed)).toEqual(Object.keys(original));
    expect({ ...changed, choices: null }).toEqual({ ...original, choices: null });
  });
});

describe('planDelays', () => {
  const created = events.map((event) => event.created);

  it('follows the recorded seconds, spreads same-second tokens and clamps', () => {
    const delays = planDelays(created, 1);
    expect(delays).toHaveLength(78);
    expect(delays[0]).toBe(0);
    expect(delays[1]).toBe(20); // same second
    expect(delays[4]).toBe(1000); // 537 → 538
    expect(delays[65]).toBe(4000); // 539 → 543
    expect(delays[67]).toBe(4000); // 546 → 554: 8 s, clamped
    expect(delays[76]).toBe(0); // bogus created, earlier than the first
    expect(delays[77]).toBe(20); // [DONE] has no time
  });

  it('scales with pace', () => {
    expect(planDelays(created, 0).every((delay) => delay === 0)).toBe(true);
    expect(planDelays(created, 0.5)[66]).toBe(1500);
    expect(planDelays(created, 0.5)[2]).toBe(10);
  });
});

describe('sliceBytes', () => {
  const bytes = new TextEncoder().encode(seedText);

  it('covers every byte in order with slices of 1..maxSlice bytes', () => {
    const slices = sliceBytes(bytes, 7, 64);
    expect(Buffer.concat(slices).equals(Buffer.from(bytes))).toBe(true);
    expect(slices.every((slice) => slice.length >= 1 && slice.length <= 64)).toBe(true);
    expect(new Set(slices.map((slice) => slice.length)).size).toBeGreaterThan(20);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const lengths = (seed: number) => sliceBytes(bytes, seed, 16).map((slice) => slice.length);
    expect(lengths(3)).toEqual(lengths(3));
    expect(lengths(3)).not.toEqual(lengths(4));
  });

  it('cuts multi-byte characters in half', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const slices = sliceBytes(bytes, 1, 8);
    expect(slices.some((slice) => {
      try {
        decoder.decode(slice);
        return false;
      } catch {
        return true;
      }
    })).toBe(true);
  });

  it('gives single bytes with maxSlice 1 and rejects maxSlice 0', () => {
    expect(sliceBytes(bytes.subarray(0, 5), 9, 1)).toHaveLength(5);
    expect(() => sliceBytes(bytes, 9, 0)).toThrow(RangeError);
  });
});
