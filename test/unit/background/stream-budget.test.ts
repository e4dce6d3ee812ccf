import { describe, expect, it } from 'vitest';
import { createStreamBudget, STREAM_BUDGET } from '@/src/background/stream-budget';

describe('stream budget', () => {
  it('reads until the lines of the stream pass the limit, then reads nothing more', () => {
    const budget = createStreamBudget({ maxMs: 1_000, maxLines: 3 }, () => 0);
    let reads = 0;
    expect(budget.read('a\nb\n', () => ++reads)).toBe(1);
    expect(budget.read('c\n', () => ++reads)).toBe(2);
    expect(budget.exceeded).toBeUndefined();
    // Counted before reading: text that alone goes over is never read.
    expect(budget.read('d\ne\n', () => ++reads)).toBeUndefined();
    expect(reads).toBe(2);
    expect(budget.exceeded).toMatch(/more than 3 lines/);
    expect(budget.read('f', () => ++reads)).toBeUndefined();
    expect(reads).toBe(2);
  });

  it('adds up the time each read takes and stops after the read that passes the limit', () => {
    let clock = 0;
    const budget = createStreamBudget({ maxMs: 100, maxLines: 1_000 }, () => clock);
    const slowRead = (ms: number) => () => {
      clock += ms;
      return ms;
    };
    expect(budget.read('x', slowRead(60))).toBe(60);
    expect(budget.exceeded).toBeUndefined();
    // The read that goes over still returns what it found: its entries are kept.
    expect(budget.read('y', slowRead(50))).toBe(50);
    expect(budget.exceeded).toMatch(/more than 100 ms \(110 ms\)/);
    expect(budget.read('z', slowRead(1))).toBeUndefined();
    expect(clock).toBe(110);
  });

  it('gives a long legitimate stream room: the default allows seconds and a million lines', () => {
    expect(STREAM_BUDGET.maxMs).toBeGreaterThanOrEqual(5_000);
    expect(STREAM_BUDGET.maxLines).toBeGreaterThanOrEqual(500_000);
    const budget = createStreamBudget();
    // 200k SSE events of an ordinary answer are read whole.
    const event = 'data: {"choices":[{"delta":{"content":"好"}}]}\n\n';
    for (let index = 0; index < 2_000; index += 1) budget.read(event.repeat(100), () => undefined);
    expect(budget.exceeded).toBeUndefined();
  });
});
