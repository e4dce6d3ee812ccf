import { describe, expect, it } from 'vitest';
import { openAiResponses } from '@/src/decode/dialects/openai-responses';
import { expectFixture, fixturesOf, runText, sseText } from './fixture-runner';

const event = (type: string, fields: Record<string, unknown> = {}) => [type, { type, ...fields }] as const;

describe('openai-responses dialect', () => {
  for (const fixture of fixturesOf('openai-responses')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split(':')[0]})`, () => expectFixture(fixture));
  }

  it('ends on response.completed without [DONE] and takes the model from it', () => {
    const stream = sseText([
      event('response.output_text.delta', { delta: 'hi' }),
      event('response.completed', { response: { model: 'gpt-5-mini', status: 'completed', output: [] } }),
    ]);
    expect(runText('text/event-stream', [stream])).toMatchObject({ text: 'hi', model: 'gpt-5-mini', finished: true, issues: [] });
  });

  it('reports a failed response as a server error', () => {
    const stream = sseText([
      event('response.created', { response: { model: 'gpt-4.1' } }),
      event('response.failed', {
        response: { model: 'gpt-4.1', status: 'failed', error: { code: 'server_error', message: 'The model failed.' } },
      }),
    ]);
    expect(runText('text/event-stream', [stream])).toMatchObject({ finished: true, issues: ['server-error'] });
  });

  it('skips reasoning and refusal deltas', () => {
    const reader = openAiResponses.create();
    expect(reader.read({ json: { type: 'response.reasoning_summary_text.delta', delta: 'thinking' } })).toEqual({});
    expect(reader.read({ json: { type: 'response.refusal.delta', delta: 'no' } })).toEqual({});
  });

  it('reads a non-streaming response object', () => {
    const body = {
      object: 'response',
      model: 'gpt-4.1-2025-04-14',
      status: 'completed',
      output: [
        { type: 'reasoning', summary: [] },
        {
          type: 'message',
          role: 'assistant',
          content: [
            { type: 'output_text', text: 'a' },
            { type: 'refusal', refusal: 'x' },
            { type: 'output_text', text: 'b' },
          ],
        },
      ],
    };
    expect(runText('application/json', [JSON.stringify(body)])).toMatchObject({ text: 'ab', model: 'gpt-4.1-2025-04-14', finished: true });
  });

  it('leaves other dialects alone', () => {
    const reader = openAiResponses.create();
    expect(reader.read({ json: { type: 'message_start', message: {} } })).toBeUndefined();
    expect(reader.read({ json: { type: 'text-delta', delta: 'x' } })).toBeUndefined();
    expect(reader.read({ json: { object: 'chat.completion', choices: [] } })).toBeUndefined();
  });
});
