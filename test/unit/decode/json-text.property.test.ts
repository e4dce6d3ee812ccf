import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cannotBeJson } from '@/src/decode/json-text';

const PROPERTY_TIMEOUT_MS = 60_000;

describe('cannotBeJson', () => {
  it('never turns away text JSON.parse takes, and turns away the usual non-JSON lines', () => {
    const text = fc.oneof(
      fc.json(),
      fc.json().map((json) => ` \t${json}\r\n`),
      fc.string(),
      fc.constantFrom('[x][', '{', 'a', 'data: x', '[DONE]', '\uFEFF{}', ''),
    );
    fc.assert(
      fc.property(text, (value) => {
        if (!cannotBeJson(value)) return;
        expect(() => JSON.parse(value) as unknown).toThrow();
      }),
      { numRuns: 5000 },
    );
    expect(['[x][', '{', 'a', '', '  ', '\uFEFF{}'].map(cannotBeJson)).toEqual([true, true, true, true, true, true]);
    expect(['{}', ' [1] ', '"a"', '-1', 'true', 'false', 'null', '1e5'].map(cannotBeJson)).toEqual(Array(8).fill(false));
  }, PROPERTY_TIMEOUT_MS);
});
