import { describe, expect, it } from 'vitest';
import { openAiChat } from '@/src/decode/dialects/openai-chat';
import { openAiStream, seedExpected } from '../../../support/seed';
import { expectFixture, fixturesOf, runText, sseText } from './fixture-runner';

describe('openai-chat dialect', () => {
  for (const fixture of fixturesOf('openai-chat')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split(':')[0]})`, () => expectFixture(fixture));
  }

  it('reads only choice 0 when n > 1, whichever choice streams first', () => {
    const chunk = (index: number, content: string) => ({ object: 'chat.completion.chunk', choices: [{ index, delta: { content } }] });
    const stream = sseText([chunk(1, 'B'), chunk(0, 'A'), chunk(1, 'B')].map((data) => [undefined, data] as const));
    const outcome = runText('text/event-stream', [stream]);
    expect(outcome.text).toBe('A');
  });

  it('takes the seed stream and reports no model for a blank one', () => {
    const outcome = runText('text/event-stream', [openAiStream([seedExpected.content], ' ')]);
    expect(outcome.text).toBe(seedExpected.content);
    expect(outcome.model).toBeNull();
  });

  it('leaves messages of other dialects alone', () => {
    const reader = openAiChat.create();
    expect(reader.read({ json: { type: 'response.output_text.delta', delta: 'x' } })).toBeUndefined();
    expect(reader.read({ json: { candidates: [{ content: { parts: [{ text: 'x' }] } }] } })).toBeUndefined();
    expect(reader.read({ json: { object: 'list', choices: [] } })).toBeUndefined();
    expect(reader.read({ json: 'text', event: 'text' })).toBeUndefined();
  });
});
