import { describe, expect, it } from 'vitest';
import { MAX_BLOB_SIZE } from '@/src/protocol/parse-relay-message';
import { MAX_EMBEDDED_BLOB } from '@/src/relay/blob-batches';
import { FLUSH_TEXT, takeBatches, type PendingBody } from '@/src/relay/take-batches';

const textBody = (pending: string): PendingBody => ({ pending, parts: [], partsSize: 0 });
const bytesBody = (size: number): PendingBody => ({ pending: '', parts: [new Uint8Array(size)], partsSize: size });
const sizes = (batches: Array<string | Blob>): number[] => batches.map((batch) => (typeof batch === 'string' ? batch.length : batch.size));

describe('takeBatches', () => {
  it(`cuts pending text into chunks of at most ${FLUSH_TEXT} characters, never inside a surrogate pair, and leaves nothing pending`, () => {
    const text = `x${'🔥'.repeat(FLUSH_TEXT)}`;
    const body = textBody(text);
    const batches = takeBatches(body, false);
    expect(batches.every((batch) => typeof batch === 'string' && batch.length <= FLUSH_TEXT && !/[\uD800-\uDBFF]$/.test(batch))).toBe(true);
    expect(sizes(batches)).toEqual([FLUSH_TEXT - 1, FLUSH_TEXT, 2]);
    expect(batches.map((batch) => (typeof batch === 'string' ? batch : '')).join('')).toBe(text);
    expect(body.pending).toBe('');
  });

  it('sends a body that fits in embedded Blobs, and a bigger one mid-stream as one bulk Blob', () => {
    expect(sizes(takeBatches(bytesBody(1000), false))).toEqual([1000]);
    const big = bytesBody(MAX_EMBEDDED_BLOB * 3);
    expect(sizes(takeBatches(big, false))).toEqual([MAX_EMBEDDED_BLOB * 3]);
    expect(big).toEqual({ pending: '', parts: [], partsSize: 0 });
  });

  it("at a stream's end, sends its last MAX_EMBEDDED_BLOB embedded, after the bulk of the rest", () => {
    expect(sizes(takeBatches(bytesBody(MAX_EMBEDDED_BLOB * 3), true))).toEqual([MAX_EMBEDDED_BLOB * 2, MAX_EMBEDDED_BLOB]);
  });

  it('slices a bulk Blob bigger than the background accepts', () => {
    const batches = takeBatches(bytesBody(MAX_BLOB_SIZE + 10), false);
    expect(sizes(batches)).toEqual([MAX_BLOB_SIZE, 10]);
  });

  it('takes nothing from an empty body', () => {
    expect(takeBatches(textBody(''), true)).toEqual([]);
  });
});
