import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundaryOf, createMultipartMixedDecoder } from '@/src/decode/multipart-mixed-decoder';

/** Feeds `chunks` and returns the parts and how many were too large. */
function decode(contentType: string | undefined, chunks: string[], maxPart = 1 << 20): { parts: string[]; oversized: number } {
  const parts: string[] = [];
  let oversized = 0;
  const decoder = createMultipartMixedDecoder(contentType, (part) => parts.push(part), () => (oversized += 1), maxPart);
  for (const chunk of chunks) decoder.feed(chunk);
  decoder.end();
  return { parts, oversized };
}

/** Cuts `text` at the given offsets. */
function cut(text: string, offsets: number[]): string[] {
  const points = [...new Set(offsets.filter((at) => at > 0 && at < text.length))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const at of points) {
    chunks.push(text.slice(from, at));
    from = at;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const GRAPHQL = 'multipart/mixed; boundary="-"; deferSpec=20220824';
const body = '\r\n---\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{"data":{"a":1}}\r\n---\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{"hasNext":false}\r\n-----\r\n';

describe('multipart/mixed decoder', () => {
  it('reads the boundary from the content type, quoted or not, and refuses an absurd one', () => {
    expect(boundaryOf(GRAPHQL)).toBe('-');
    expect(boundaryOf('multipart/mixed;boundary=graphql;charset=utf-8')).toBe('graphql');
    expect(boundaryOf('multipart/mixed; BOUNDARY="a b"')).toBe('a b');
    expect(boundaryOf('multipart/mixed')).toBeUndefined();
    expect(boundaryOf(`multipart/mixed; boundary=${'x'.repeat(71)}`)).toBeUndefined();
    expect(boundaryOf(undefined)).toBeUndefined();
  });

  it('gives each part’s body, without headers, preamble or epilogue', () => {
    expect(decode(GRAPHQL, ['preamble\r\n' + body + 'epilogue {"x":1}\r\n']).parts).toEqual(['{"data":{"a":1}}', '{"hasNext":false}']);
  });

  it('takes the boundary from the first line when the content type has none, and reads a part without headers', () => {
    const text = '--graphql\n{"data":{"b":2}}\n--graphql\ncontent-type: application/json\n\n{"data":{"c":3}}\n--graphql--\n';
    expect(decode('multipart/mixed', [text]).parts).toEqual(['{"data":{"b":2}}', '{"data":{"c":3}}']);
  });

  it('reads a body with no delimiter at all as one part (the server answered plain JSON)', () => {
    expect(decode('application/json', ['{"data":', '{"d":4}}']).parts).toEqual(['{"data":{"d":4}}']);
  });

  it('hands on a last part left open when the stream ends, and keeps multi-line JSON whole', () => {
    expect(decode(GRAPHQL, ['---\r\n\r\n{\r\n "a": 1\r\n}\r\n---\r\n\r\n{"b":']).parts).toEqual(['{\n "a": 1\n}', '{"b":']);
  });

  it('does not take a line that only starts like the boundary for a delimiter', () => {
    expect(decode('multipart/mixed; boundary=abc', ['--abc\r\n\r\n{"a":"--abcd"}\r\n--abcd\r\n--abc--\r\n']).parts).toEqual(['{"a":"--abcd"}\n--abcd']);
  });

  it('skips a part larger than the bound and says so, then reads the next', () => {
    const big = `{"data":"${'x'.repeat(200)}"}`;
    const text = `---\r\n\r\n${big}\r\n---\r\n\r\n{"ok":1}\r\n-----\r\n`;
    expect(decode(GRAPHQL, [text], 100)).toEqual({ parts: ['{"ok":1}'], oversized: 1 });
    // One long line with no line end at all is bounded too.
    expect(decode(GRAPHQL, ['---\r\n\r\n', 'y'.repeat(300)], 100)).toEqual({ parts: [], oversized: 1 });
  });

  it('takes linear time on a long body of short lines', () => {
    const lines = `---\n\n${'{"a":1}\n'.repeat(50_000)}-----\n`;
    const started = performance.now();
    expect(decode(GRAPHQL, [lines]).parts).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('multipart/mixed decoder, whatever the chunks', () => {
  const json = fc.oneof(
    fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean()), { maxKeys: 4 }),
    fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  );
  it('gives the same parts wherever the chunks cut (CRLF or LF, with or without headers and preamble)', () => {
    fc.assert(
      fc.property(
        fc.array(json, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('-', 'graphql', '=_Part_0_12.34'),
        fc.constantFrom('\r\n', '\n'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 2000 }), { maxLength: 30 }),
        (values, boundary, eol, headers, inContentType, cuts) => {
          const parts = values.map((value) => JSON.stringify(value));
          const text =
            (inContentType ? `preamble${eol}` : '') +
            parts.map((part) => `--${boundary}${eol}${headers ? `Content-Type: application/json${eol}${eol}` : ''}${part}${eol}`).join('') +
            `--${boundary}--${eol}`;
          const contentType = inContentType ? `multipart/mixed; boundary="${boundary}"` : 'multipart/mixed';
          const decoded = decode(contentType, cut(text, cuts.map((at) => at % (text.length + 1))));
          expect(decoded.parts.map((part) => JSON.parse(part) as unknown)).toEqual(values);
        },
      ),
      { numRuns: 500 },
    );
  });
});
