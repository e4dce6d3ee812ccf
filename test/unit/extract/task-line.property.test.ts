import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTaskLine } from '@/src/extract/task-line';

/** The pattern the reader replaces: right on short lines, cubic on long hostile ones. */
const TASK_LINE = /VideoTask\(id=([A-Za-z0-9_.:-]{1,128}),\s*image_url=(.*?),\s*prompt=(.*)\)\s*$/;

function byPattern(line: string): { id: string; image: string; prompt: string } | undefined {
  const match = TASK_LINE.exec(line);
  if (!match) return undefined;
  const [, id = '', image = '', prompt = ''] = match;
  return { id, image, prompt };
}

/** Lines built from the pieces the pattern cares about, so near-misses of every kind are common. */
const PIECES = [
  'VideoTask(id=', 'VideoTask(id=a', 'image_url=', 'prompt=', ',', ', ', ' ', ')', '(', '\r', '\u2028', '\t',
  '\u00a0', 'a', 'x', '1', ':', '-', 'https://i.test/a.png', '🎬', 'videotask(id=', '\n',
];
const noise = fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((parts) => parts.join(''));
const SKELETON = ['VideoTask(id=', 'a1', ',', ' ', 'image_url=', 'x', ',', ' ', 'prompt=', 'y', ')', ' '];
/** A task line with each of its pieces kept, dropped or replaced, and noise between them. */
const nearTask = fc
  .tuple(
    ...SKELETON.map((piece) =>
      fc.tuple(
        fc.oneof({ weight: 12, arbitrary: fc.constant(piece) }, { weight: 1, arbitrary: noise }),
        fc.oneof({ weight: 12, arbitrary: fc.constant('') }, { weight: 1, arbitrary: noise }),
      ),
    ),
  )
  .map((pieces) => pieces.map(([piece, after]) => piece + after).join(''));
const lines = fc.array(fc.oneof(nearTask, noise), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

describe('readTaskLine', () => {
  it('reads what the task-line pattern reads, on every line of near-misses', () => {
    // Both outcomes are common, or the comparison would prove little.
    const sample = fc.sample(lines, 2000);
    const read = sample.filter((line) => readTaskLine(line)).length;
    expect(read).toBeGreaterThan(100);
    expect(read).toBeLessThan(1900);
    fc.assert(
      fc.property(lines, (line) => {
        expect(readTaskLine(line)).toEqual(byPattern(line));
      }),
      { numRuns: 4000 },
    );
  }, 60_000);

  it('reads the pattern on well-formed lines with any text in the fields', () => {
    const field = fc.string({ maxLength: 20, unit: 'grapheme' });
    fc.assert(
      fc.property(fc.stringMatching(/^[\w.:-]{1,130}$/), field, field, field, (id, image, prompt, tail) => {
        const line = `${tail}> VideoTask(id=${id}, image_url=${image}, prompt=${prompt})${tail.trim() ? '' : tail}`;
        expect(readTaskLine(line)).toEqual(byPattern(line));
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('reads the echo of a real answer', () => {
    expect(readTaskLine('> VideoTask(id=task_01:ab-c.d, image_url=https://i.test/a.png, prompt=一只猫, 在跳舞)  ')).toEqual({
      id: 'task_01:ab-c.d',
      image: 'https://i.test/a.png',
      prompt: '一只猫, 在跳舞',
    });
  });
});
