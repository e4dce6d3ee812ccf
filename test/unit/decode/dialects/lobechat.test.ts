import { describe, expect, it } from 'vitest';
import { DIALECTS } from '@/src/decode/dialects';
import { lobeChat } from '@/src/decode/dialects/lobechat';
import { openAiStream } from '../../../support/seed';
import { expectFixture, fixturesOf, runText } from './fixture-runner';

const lobe = (events: [string, unknown][]) =>
  events.map(([event, data]) => `id: chat_1\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');

describe('lobechat dialect', () => {
  for (const fixture of fixturesOf('lobechat')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split('(')[0]?.trim()})`, () => expectFixture(fixture));
  }

  it('keeps a stream that opens with a raw OpenAI chunk in `event: data`', () => {
    const chunk = { object: 'chat.completion.chunk', model: 'gpt-4o', choices: [{ index: 0, delta: { role: 'assistant' } }] };
    const stream = lobe([['data', chunk], ['text', 'a'], ['reasoning', 'no'], ['text', 'b'], ['stop', 'stop']]);
    expect(runText('text/event-stream', [stream])).toMatchObject({ text: 'ab', finished: true, issues: [] });
  });

  it('reads text content parts, not reasoning ones', () => {
    const stream = lobe([
      ['content_part', { partType: 'text', content: 'x', inReasoning: false }],
      ['reasoning_part', { partType: 'text', content: 'r', inReasoning: true }],
      ['content_part', { partType: 'image', content: 'iVBORw0', inReasoning: false }],
    ]);
    expect(runText('text/event-stream', [stream]).text).toBe('x');
  });

  it('never takes a plain OpenAI stream, which has no event names', () => {
    const reader = lobeChat.create();
    expect(reader.read({ json: { object: 'chat.completion.chunk', choices: [] } })).toBeUndefined();
    expect(DIALECTS.indexOf(lobeChat)).toBeLessThan(DIALECTS.findIndex((dialect) => dialect.name === 'openai-chat'));
    expect(runText('text/event-stream', [openAiStream(['a', 'b'])])).toMatchObject({ text: 'ab', model: 'cogvideox' });
  });
});
