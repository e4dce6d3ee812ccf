import { describe, expect, it } from 'vitest';
import { createJsonSequenceDecoder } from '@/src/decode/json-sequence-decoder';

function split(chunks: string[], maxValue = 1000) {
  const values: string[] = [];
  let oversized = 0;
  const decoder = createJsonSequenceDecoder((text) => values.push(text), () => (oversized += 1), maxValue);
  for (const chunk of chunks) decoder.feed(chunk);
  decoder.end();
  return { values, oversized };
}

describe('createJsonSequenceDecoder', () => {
  it('hands on a whole body as one value', () => {
    expect(split(['{"a": [1, {"b": "}"}]}\n']).values).toEqual(['{"a": [1, {"b": "}"}]}']);
  });

  it('hands on the elements of a top-level array as they close, across chunks', () => {
    const body = '[{"t": "a,]"}\n,\r\n{"t": "b\\"}"}\n, 3, "x", true]';
    const chunks = Array.from(body);
    expect(split(chunks).values).toEqual(['{"t": "a,]"}', '{"t": "b\\"}"}', '3', '"x"', 'true']);
  });

  it('splits values that follow each other, with or without space between', () => {
    expect(split(['{"a":1}{"b":2}\n[3]', ' 4 "five"']).values).toEqual(['{"a":1}', '{"b":2}', '[3]', '4', '"five"']);
  });

  it('ends a number at the end of the stream and hands on an unclosed value as it is', () => {
    expect(split(['12']).values).toEqual(['12']);
    expect(split(['[{"a": 1}, {"b"']).values).toEqual(['{"a": 1}', '{"b"']);
  });

  it('hands on a stray closing bracket as a value of its own, for the parser to refuse', () => {
    expect(split(['{"a":1}}']).values).toEqual(['{"a":1}', '}']);
  });

  it('skips a byte order mark and drops a value over the size limit', () => {
    const big = `{"x": "${'y'.repeat(200)}"}`;
    expect(split(['\uFEFF[', big.slice(0, 100), big.slice(100), ',{"ok":1}]'], 150)).toEqual({ values: ['{"ok":1}'], oversized: 1 });
  });
});
