import { describe, expect, it } from 'vitest';
import { expectFixture, fixturesOf, runText, sseText } from './fixture-runner';

const answer = (id: string, parts: string[], extra: Record<string, unknown> = {}) => ({
  message: {
    id,
    author: { role: 'assistant' },
    content: { content_type: 'text', parts },
    recipient: 'all',
    metadata: { model_slug: 'gpt-4o' },
    ...extra,
  },
  conversation_id: 'c1',
  error: null,
});
const encoded = (...deltas: unknown[]) =>
  sseText([['delta_encoding', '"v1"'], ...deltas.map((delta) => ['delta', delta] as const), [undefined, '[DONE]']]);
const TEXT = '/message/content/parts/0';

describe('chatgpt-web dialect', () => {
  for (const fixture of fixturesOf('chatgpt-web')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split('(')[0]?.trim()})`, () => expectFixture(fixture));
  }

  it('continues the last path and operation for a bare value', () => {
    const stream = encoded({ v: answer('a', ['']) }, { p: TEXT, o: 'append', v: 'he' }, { v: 'll' }, { v: 'o' });
    expect(runText('text/event-stream', [stream])).toMatchObject({ text: 'hello', model: 'gpt-4o', finished: true, issues: [] });
  });

  it('reads the text of a first message that already has some', () => {
    const stream = encoded({ p: '', o: 'add', v: answer('a', ['start ']), c: 0 }, { p: TEXT, o: 'append', v: 'end' });
    expect(runText('text/event-stream', [stream]).text).toBe('start end');
  });

  it('starts each further answer message on its own line', () => {
    const stream = encoded({ v: answer('a', ['one']) }, { v: answer('b', ['two\n']) }, { v: answer('c', ['three']) });
    expect(runText('text/event-stream', [stream]).text).toBe('one\ntwo\nthree');
  });

  it('says so when text already passed on is rewritten, and reads the new text after it', () => {
    const stream = encoded({ v: answer('a', ['draft']) }, { p: TEXT, o: 'replace', v: 'final' });
    expect(runText('text/event-stream', [stream])).toMatchObject({ text: 'draft\nfinal', issues: ['unsupported-delta'] });
  });

  it('reads a truncate then an append as a rewrite', () => {
    const stream = encoded({ v: answer('a', ['abc']) }, { p: TEXT, o: 'truncate', v: 1 }, { p: TEXT, o: 'append', v: 'x' });
    expect(runText('text/event-stream', [stream])).toMatchObject({ text: 'abc\nax', issues: ['unsupported-delta'] });
  });

  it('reports unknown operations and unsafe paths without applying them', () => {
    const stream = encoded(
      { v: answer('a', ['ok']) },
      { p: TEXT, o: 'rotate', v: 1 },
      { p: '/__proto__/polluted', o: 'add', v: true },
      { p: '/message/constructor/prototype/polluted', o: 'add', v: true },
    );
    expect(runText('text/event-stream', [stream])).toMatchObject({ text: 'ok', issues: ['unsupported-delta'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('skips tool calls, tool results, and user and system messages', () => {
    const message = (id: string, author: unknown, video: string, recipient?: string) => ({
      message: { id, author, recipient, content: { content_type: 'text', parts: [`[视频](${video})`] } },
    });
    const stream = encoded(
      { v: message('u', { role: 'user' }, 'https://example.com/user.mp4') },
      { v: message('t', { role: 'assistant' }, 'https://example.com/call.mp4', 'video_gen') },
      { v: message('r', { role: 'tool' }, 'https://example.com/tool.mp4') },
      { v: answer('a', ['[视频](https://example.com/answer.mp4)\n']) },
    );
    expect(runText('text/event-stream', [stream]).videos).toEqual([{ videoUrl: 'https://example.com/answer.mp4' }]);
  });

  it('reads the older stream of whole-message snapshots', () => {
    const snapshot = (text: string, end: boolean) => answer('a', [text], end ? { end_turn: true, status: 'finished_successfully' } : {});
    const stream = sseText([
      [undefined, snapshot('he', false)],
      [undefined, snapshot('hell', false)],
      [undefined, snapshot('hello', true)],
      [undefined, '[DONE]'],
    ]);
    expect(runText('text/event-stream', [stream])).toMatchObject({ text: 'hello', model: 'gpt-4o', finished: true, issues: [] });
  });
});
