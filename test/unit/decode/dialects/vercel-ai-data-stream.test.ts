import { describe, expect, it } from 'vitest';
import { vercelAiDataStream } from '@/src/decode/dialects/vercel-ai-data-stream';
import { expectFixture, fixturesOf, runText } from './fixture-runner';

describe('vercel-ai-data-stream dialect', () => {
  for (const fixture of fixturesOf('vercel-ai-data-stream')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split(':')[0]})`, () => expectFixture(fixture));
  }

  it('is found by sniffing a text/plain body, even split inside the first part code', () => {
    const body = '0:"he"\n0:"llo"\nd:{"finishReason":"stop"}\n';
    expect(runText('text/plain; charset=utf-8', ['0', body.slice(1)])).toMatchObject({ text: 'hello', finished: true, issues: [] });
    expect(runText('data-stream', [body])).toMatchObject({ text: 'hello', finished: true });
  });

  it('ends on the finish message part only, not on a finish step', () => {
    const body = '0:"a"\ne:{"finishReason":"tool-calls","isContinued":false}\n';
    expect(runText('text/plain', [body])).toMatchObject({ text: 'a', finished: false });
  });

  it('reports error parts and lines that are not parts', () => {
    const body = '0:"a"\n3:"quota exceeded"\nnot a part\n0:"b"\n';
    expect(runText('text/plain', [body])).toMatchObject({ text: 'ab', issues: ['server-error', 'not-json'] });
  });

  it('takes only lines with a part code', () => {
    const reader = vercelAiDataStream.create();
    expect(reader.read({ json: 'x' })).toBeUndefined();
    expect(reader.read({ json: 'x', event: 'text' })).toBeUndefined();
    expect(reader.read({ json: { a: 1 }, event: '0' })).toBeUndefined();
    expect(reader.read({ json: 'x', event: '0' })).toEqual({ text: 'x' });
  });
});
