import { describe, expect, it } from 'vitest';
import { eventStarts, planWrites, type PlannedWrite } from '../../demo-site/write-plan';

const encoder = new TextEncoder();
const body = encoder.encode('data: {"a":"一"}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n');
const starts = eventStarts(body);
const text = (writes: readonly PlannedWrite[]) => writes.map((write) => new TextDecoder().decode(write.bytes));
const joined = (writes: readonly PlannedWrite[]) => Buffer.concat(writes.map((write) => write.bytes));

describe('eventStarts', () => {
  it('finds where each event starts', () => {
    expect(starts).toEqual([0, 19, 34]);
    expect(eventStarts(new Uint8Array(0))).toEqual([]);
  });
});

describe('planWrites', () => {
  it('writes one event per write after its delay', () => {
    const writes = planWrites(body, [0, 100, 5]);
    expect(writes.map((write) => write.delayMs)).toEqual([0, 100, 5]);
    expect(text(writes)).toEqual(['data: {"a":"一"}\n\n', 'data: {"b":2}\n\n', 'data: [DONE]\n\n']);
  });

  it('refuses delays that do not match the events', () => {
    expect(() => planWrites(body, [0, 1])).toThrow(/3 events but 2 delays/);
  });

  it('slices every byte in order and keeps the total delay', () => {
    const writes = planWrites(body, [0, 100, 5], { slice: { seed: 3, maxSlice: 4 } });
    expect(joined(writes).equals(Buffer.from(body))).toBe(true);
    expect(writes.every((write) => write.bytes.length >= 1 && write.bytes.length <= 4)).toBe(true);
    expect(writes.reduce((sum, write) => sum + write.delayMs, 0)).toBe(105);
    // The delay of event 1 waits before the slice holding its first byte.
    let offset = 0;
    for (const write of writes) {
      const end = offset + write.bytes.length;
      expect(write.delayMs).toBe((offset <= 19 && 19 < end ? 100 : 0) + (offset <= 34 && 34 < end ? 5 : 0));
      offset = end;
    }
  });

  it('holds right after the held event, on a write boundary, also when sliced', () => {
    for (const slice of [undefined, { seed: 11, maxSlice: 64 }, { seed: 2, maxSlice: 3 }]) {
      const writes = planWrites(body, [0, 0, 0], { ...(slice && { slice }), hold: { afterEvent: 0, ms: 500 } });
      const heldAt = writes.findIndex((write) => write.delayMs === 500);
      expect(joined(writes.slice(0, heldAt)).toString()).toBe('data: {"a":"一"}\n\n');
      expect(joined(writes).equals(Buffer.from(body))).toBe(true);
    }
  });

  it('holds before the end when the held event is the last', () => {
    const writes = planWrites(body, [0, 0, 0], { hold: { afterEvent: 2, ms: 50 } });
    expect(writes.at(-1)).toEqual({ delayMs: 50, bytes: new Uint8Array(0) });
    expect(joined(writes).equals(Buffer.from(body))).toBe(true);
  });
});
