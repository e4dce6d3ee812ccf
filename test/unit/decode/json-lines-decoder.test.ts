import { describe, expect, it } from 'vitest';
import { createJsonLinesDecoder } from '@/src/decode/json-lines-decoder';

function decode(chunks: string[], maxLine = 1000): { values: string[]; oversized: number } {
  const values: string[] = [];
  let oversized = 0;
  const decoder = createJsonLinesDecoder((value) => values.push(value), () => (oversized += 1), maxLine);
  for (const chunk of chunks) decoder.feed(chunk);
  decoder.end();
  return { values, oversized };
}

describe('JSON-lines decoder', () => {
  it('hands on one value a line, across chunk boundaries, with CRLF, blank lines skipped', () => {
    const body = '{"a":1}\r\n\n{"b":"x\\ny"}\n{"c":[1,2]}';
    for (let cut = 0; cut <= body.length; cut += 1) {
      expect(decode([body.slice(0, cut), body.slice(cut)]).values.map((value) => JSON.parse(value) as unknown)).toEqual([{ a: 1 }, { b: 'x\ny' }, { c: [1, 2] }]);
    }
  });

  it('takes the `data:` prefix off lines that carry it (SSE-wrapped JSON lines)', () => {
    expect(decode(['data: {"a":1}\n\ndata:{"b":2}\n', '{"c":3}\n']).values.map((value) => JSON.parse(value) as unknown)).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it('drops a line longer than the cap, says so, and reads on after it', () => {
    const { values, oversized } = decode([`{"big":"${'x'.repeat(50)}`, `"}\n{"ok":true}\n`], 20);
    expect(values).toEqual(['{"ok":true}']);
    expect(oversized).toBe(1);
  });
});
