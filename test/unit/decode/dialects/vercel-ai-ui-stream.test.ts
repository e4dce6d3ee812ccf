import { describe, expect, it } from 'vitest';
import { vercelAiUiStream } from '@/src/decode/dialects/vercel-ai-ui-stream';
import { expectFixture, fixturesOf, runText, sseText } from './fixture-runner';

describe('vercel-ai-ui-stream dialect', () => {
  for (const fixture of fixturesOf('vercel-ai-ui-stream')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split('(')[0]?.trim()})`, () => expectFixture(fixture));
  }

  it('reads text deltas, skips reasoning and data parts, reports errors', () => {
    const stream = sseText([
      [undefined, { type: 'start', messageId: 'm1' }],
      [undefined, { type: 'reasoning-delta', id: 'r', delta: 'thinking' }],
      [undefined, { type: 'data-progress', data: { percent: 50 } }],
      [undefined, { type: 'text-delta', id: 't', delta: 'ok' }],
      [undefined, { type: 'error', errorText: 'rate limited' }],
      [undefined, '[DONE]'],
    ]);
    expect(runText('text/event-stream', [stream])).toMatchObject({ text: 'ok', finished: true, issues: ['server-error'] });
  });

  it('leaves other dialects alone', () => {
    const reader = vercelAiUiStream.create();
    expect(reader.read({ json: { type: 'error', error: { type: 'overloaded_error' } } })).toBeUndefined();
    expect(reader.read({ json: { type: 'response.output_text.delta', delta: 'x' } })).toBeUndefined();
    expect(reader.read({ json: { type: 'text-delta', textDelta: 'x' } })).toBeUndefined();
  });
});
