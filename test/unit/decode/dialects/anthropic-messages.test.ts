import { describe, expect, it } from 'vitest';
import { anthropicMessages } from '@/src/decode/dialects/anthropic-messages';
import { expectFixture, fixturesOf, runText, sseText } from './fixture-runner';

describe('anthropic-messages dialect', () => {
  for (const fixture of fixturesOf('anthropic-messages')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split(':')[0]})`, () => expectFixture(fixture));
  }

  it('reads only text deltas, not thinking or tool input', () => {
    const reader = anthropicMessages.create();
    const delta = (index: number, value: Record<string, unknown>) => ({ json: { type: 'content_block_delta', index, delta: value } });
    expect(reader.read(delta(0, { type: 'thinking_delta', thinking: 'hm' }))).toEqual({});
    expect(reader.read(delta(1, { type: 'input_json_delta', partial_json: '{"a' }))).toEqual({});
    expect(reader.read(delta(2, { type: 'text_delta', text: 'ok' }))).toEqual({ text: 'ok' });
  });

  it('reports an error event as a server error', () => {
    const stream = sseText([
      ['message_start', { type: 'message_start', message: { model: 'claude-opus-4-1', content: [] } }],
      // Anthropic names this event `error`, which the reassembler reports itself; the same
      // payload without the event name reaches the dialect.
      [undefined, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }],
    ]);
    expect(runText('text/event-stream', [stream])).toMatchObject({ model: 'claude-opus-4-1', finished: false, issues: ['server-error'] });
  });

  it('reads a non-streaming message', () => {
    const model = 'claude-sonnet-4-20250514';
    const content = [{ type: 'thinking', thinking: 'x' }, { type: 'text', text: 'hello' }];
    const body = { id: 'msg_1', type: 'message', role: 'assistant', model, content, stop_reason: 'end_turn' };
    expect(runText('application/json', [JSON.stringify(body)])).toMatchObject({ text: 'hello', model, finished: true });
  });

  it('leaves other dialects alone', () => {
    const reader = anthropicMessages.create();
    expect(reader.read({ json: { type: 'error', errorText: 'vercel' } })).toBeUndefined();
    expect(reader.read({ json: { type: 'text-delta', delta: 'x' } })).toBeUndefined();
    expect(reader.read({ json: { type: 'message', role: 'user', content: [] } })).toBeUndefined();
  });
});
