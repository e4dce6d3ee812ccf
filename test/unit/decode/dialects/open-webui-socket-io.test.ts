import { describe, expect, it } from 'vitest';
import { createAnswerReassembler, bodyFormatOf } from '@/src/decode/answer-reassembler';
import { WEBSOCKET_CONTENT_TYPE } from '@/src/protocol/messages';
import { openWebUiSocketIo } from '@/src/decode/dialects/open-webui-socket-io';
import { expectFixture, fixturesOf } from './fixture-runner';
import { seedExpected } from '../../../support/seed';

/** The frames Open WebUI's socket receives for one answer, as the page world copies them (NDJSON). */
function copiedSocket(content: string): string {
  const frames = [
    '0{"sid":"s1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
    '40{"sid":"n1"}',
    '42["user-list",{"user_ids":["u1"]}]',
  ];
  const emit = (data: unknown) => frames.push(`42${JSON.stringify(['chat-events', { chat_id: 'c', message_id: 'm', data }])}`);
  emit({ type: 'status', data: { description: 'Generating video', done: false } });
  let sent = '';
  for (const char of Array.from(content)) {
    sent += char;
    emit({ type: 'chat:completion', data: { content: sent } });
    if (sent.length % 40 === 0) frames.push('2');
  }
  emit({ type: 'chat:completion', data: { done: true, content: content.trim(), title: 'Dog' } });
  return frames.map((frame) => `${JSON.stringify(frame)}\n`).join('');
}

describe('openWebUiSocketIo dialect', () => {
  for (const fixture of fixturesOf('open-webui-socket-io')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split(':')[0]})`, () => expectFixture(fixture));
  }

  it('reads a copied Open WebUI socket into the answer text through the NDJSON framing', () => {
    expect(bodyFormatOf(WEBSOCKET_CONTENT_TYPE)).toBe('ndjson');
    let text = '';
    let finished = false;
    const issues: string[] = [];
    const reassembler = createAnswerReassembler(
      bodyFormatOf(WEBSOCKET_CONTENT_TYPE),
      {
        onText: (more) => (text += more),
        onModel: () => {},
        onFinished: () => (finished = true),
        onIssue: (issue) => issues.push(issue.type),
      },
      [openWebUiSocketIo],
    );
    const body = copiedSocket(seedExpected.content);
    // Split at awkward places: inside frames, inside escapes.
    for (let index = 0; index < body.length; index += 97) reassembler.feed(body.slice(index, index + 97));
    reassembler.end();
    expect(text).toBe(seedExpected.content);
    expect(finished).toBe(true);
    expect(issues).toEqual([]);
  });

  it('leaves what is not a Socket.IO frame to other dialects', () => {
    const reader = openWebUiSocketIo.create();
    expect(reader.read({ json: { choices: [] } })).toBeUndefined();
    expect(reader.read({ json: 'hello' })).toBeUndefined();
    expect(reader.read({ json: '2' })).toEqual({});
  });
});
