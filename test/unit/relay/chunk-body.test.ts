import { describe, expect, it } from 'vitest';
import { chunkBodyOf, queueBody } from '@/src/relay/chunk-body';
import { createKeptStreams } from '@/src/relay/kept-streams';

const streamOf = () => {
  const kept = createKeptStreams();
  kept.add(1, { type: 'stream-open', streamId: 'n0-1', endpointUrl: 'https://example.test/api', contentType: 'text/event-stream', startedAt: 0 });
  return kept.get(1)!;
};
const encode = (text: string) => new TextEncoder().encode(text);

describe('chunkBodyOf and queueBody', () => {
  it('text mode: decodes bytes with the stream’s decoder, a character split between chunks whole, and counts characters', () => {
    const stream = streamOf();
    const bytes = encode('狗!');
    const first = chunkBodyOf({ kind: 'chunk', id: 1, bytes: bytes.slice(0, 2) }, stream, false);
    const second = chunkBodyOf({ kind: 'chunk', id: 1, bytes: bytes.slice(2) }, stream, false);
    expect([first, second]).toEqual([
      { text: '', size: 0 },
      { text: '狗!', size: 2 },
    ]);
    queueBody(stream, second, () => 5);
    expect(stream.pending).toBe('狗!');
    expect(stream.parts).toEqual([]);
  });

  it('Blob mode: keeps the part as it came, counts bytes or characters, joins text parts, and notes when parts start to wait', () => {
    const stream = streamOf();
    const bytes = encode('abc');
    const body = chunkBodyOf({ kind: 'chunk', id: 1, bytes }, stream, true);
    expect(body).toEqual({ part: bytes, size: 3 });
    expect(stream.decoder).toBeUndefined();
    let now = 7;
    queueBody(stream, body, () => now);
    now = 9;
    queueBody(stream, chunkBodyOf({ kind: 'chunk', id: 1, text: 'x\uD83D' }, stream, true), () => now);
    queueBody(stream, chunkBodyOf({ kind: 'chunk', id: 1, text: '\uDD25' }, stream, true), () => now);
    expect(stream.parts).toEqual([bytes, 'x🔥']);
    expect(stream.partsSize).toBe(3 + 3 * 3);
    expect(stream.heldSince).toBe(7);
  });
});
