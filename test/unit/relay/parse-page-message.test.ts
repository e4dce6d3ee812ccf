import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_CHUNK_BYTES, parsePageMessage } from '../../../src/relay/parse-page-message';

describe('parsePageMessage, chunks from another realm', () => {
  // Firefox hands the isolated world the page's objects (Xray wrappers): `instanceof Uint8Array`
  // is false there, as it is for a Uint8Array made in another Node realm.
  it("takes a Uint8Array of the page's realm and copies it into this one", () => {
    const foreign = runInNewContext('new Uint8Array([0xe4, 0xb8, 0x80, 0x61]).subarray(1)') as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    const parsed = parsePageMessage({ kind: 'chunk', id: 1, bytes: foreign });
    expect(parsed).toEqual({ kind: 'chunk', id: 1, bytes: new Uint8Array([0xb8, 0x80, 0x61]) });
    expect(parsed?.kind === 'chunk' && 'bytes' in parsed && parsed.bytes instanceof Uint8Array).toBe(true);
  });

  it('refuses other views and oversized chunks from another realm', () => {
    for (const source of ['new Int8Array(4)', 'new DataView(new ArrayBuffer(4))', 'new Uint8ClampedArray(4)', '[1, 2]']) {
      expect(parsePageMessage({ kind: 'chunk', id: 1, bytes: runInNewContext(source) as unknown })).toBeUndefined();
    }
    const big = runInNewContext(`new Uint8Array(${MAX_PAGE_CHUNK_BYTES + 1})`) as Uint8Array;
    expect(parsePageMessage({ kind: 'chunk', id: 1, bytes: big })).toBeUndefined();
  });
});
