import { describe, expect, it } from 'vitest';
import { pageIdOf, streamIdOf } from '@/src/relay/stream-ids';

describe('stream ids', () => {
  it("names a page stream by the relay's nonce and reads the number back", () => {
    expect(streamIdOf('n0', 7)).toBe('n0-7');
    expect(pageIdOf('n0', streamIdOf('n0', 7))).toBe(7);
  });

  it("reads no number from another relay's stream id", () => {
    expect(pageIdOf('n0', 'n1-7')).toBeUndefined();
    expect(pageIdOf('n0', 'n07')).toBeUndefined();
  });
});
