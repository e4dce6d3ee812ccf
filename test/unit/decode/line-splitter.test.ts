import { describe, expect, it } from 'vitest';
import { createLineSplitter } from '@/src/decode/line-splitter';

describe('createLineSplitter', () => {
  it('splits LF and CRLF lines across chunks and keeps a last line without its end', () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line), () => expect.fail('nothing is too long'), 100);
    for (const chunk of ['a\r', '\nb', 'c\n\nd']) splitter.feed(chunk);
    splitter.end();
    expect(lines).toEqual(['a', 'bc', '', 'd']);
  });

  it('drops a line over the limit and reads on from the next', () => {
    const lines: string[] = [];
    let dropped = 0;
    const splitter = createLineSplitter((line) => lines.push(line), () => (dropped += 1), 5);
    for (const chunk of ['ok\n1234', '5678', '90\nnext\n']) splitter.feed(chunk);
    splitter.end();
    expect({ lines, dropped }).toEqual({ lines: ['ok', 'next'], dropped: 1 });
  });
});
