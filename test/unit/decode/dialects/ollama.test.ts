import { describe, expect, it } from 'vitest';
import { ollama } from '@/src/decode/dialects/ollama';
import { expectFixture, fixturesOf, runText } from './fixture-runner';

describe('ollama dialect', () => {
  for (const fixture of fixturesOf('ollama')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split(':')[0]})`, () => expectFixture(fixture));
  }

  it('reads chat and generate lines, not thinking', () => {
    const reader = ollama.create();
    const thinking = { model: 'qwen3', message: { role: 'assistant', content: '', thinking: 'hm' }, done: false };
    expect(reader.read({ json: thinking })).toEqual({ model: 'qwen3' });
    expect(reader.read({ json: { model: 'qwen3', response: 'x', done: false } })).toEqual({ model: 'qwen3', text: 'x' });
    const last = { model: 'qwen3', response: '', done: true, done_reason: 'stop' };
    expect(reader.read({ json: last })).toEqual({ model: 'qwen3', finished: true });
  });

  it('reads NDJSON served without a line end after the last line', () => {
    const lines = [{ response: 'a', done: false }, { response: 'b', done: true }].map((line) => JSON.stringify(line));
    expect(runText('application/x-ndjson', [lines.join('\n')])).toMatchObject({ text: 'ab', finished: true, issues: [] });
  });

  it('leaves other dialects alone', () => {
    const reader = ollama.create();
    expect(reader.read({ json: { done: true } })).toBeUndefined();
    expect(reader.read({ json: { response: 'x' } })).toBeUndefined();
    expect(reader.read({ json: { message: { content: 3 }, done: false } })).toBeUndefined();
  });
});
