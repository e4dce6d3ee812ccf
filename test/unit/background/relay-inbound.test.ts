import { describe, expect, it } from 'vitest';
import { BLOB_READ_BYTES, relayInbound, type Inbound } from '@/src/background/relay-inbound';
import type { StreamBlob } from '@/src/protocol/messages';

const blobMessage = (blob: Blob): StreamBlob => ({ type: 'stream-blob', streamId: 's1', seq: 0, blob });

async function readAll(items: ReturnType<typeof relayInbound>): Promise<Inbound[]> {
  const read: Inbound[] = [];
  for (const item of items) read.push(typeof item === 'function' ? await item() : item);
  return read;
}

describe('relay inbound', () => {
  it('puts any other message in the inbox as it is', () => {
    const message = { type: 'stream-chunk', streamId: 's1', seq: 0, text: 'data: 1\n\n' } as const;
    expect(relayInbound(message)).toEqual([{ message }]);
  });

  it('reads a big batch a mebibyte at a time, the last part marked as such', async () => {
    const bytes = new Uint8Array(BLOB_READ_BYTES * 2 + 10).map((_, index) => index % 251);
    const message = blobMessage(new Blob([bytes]));
    const read = await readAll(relayInbound(message));
    expect(read.map((item) => ('more' in item ? item.more : undefined))).toEqual([true, true, false]);
    const parts = read.map((item) => ('bytes' in item ? item.bytes : new Uint8Array()));
    expect(parts.map((part) => part.byteLength)).toEqual([BLOB_READ_BYTES, BLOB_READ_BYTES, 10]);
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
  });

  it('reads an empty batch once, so its sequence number still counts', async () => {
    const read = await readAll(relayInbound(blobMessage(new Blob([]))));
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ more: false });
    expect(read[0] && 'bytes' in read[0] ? read[0].bytes.byteLength : -1).toBe(0);
  });

  it('turns bytes the browser could not give into an item saying why', async () => {
    const failing = { size: 5, slice: () => ({ arrayBuffer: () => Promise.reject(new Error('tab closed')) }) } as unknown as Blob;
    const message = blobMessage(failing);
    expect(await readAll(relayInbound(message))).toEqual([{ message, unread: 'Error: tab closed', more: false }]);
  });
});
