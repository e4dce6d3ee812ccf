import { describe, expect, it } from 'vitest';
import { createCaptureSession } from '@/src/background/capture-session';
import { bodyFormatOf } from '@/src/decode/answer-reassembler';
import { chanzhaoyuChatGptWeb } from '@/src/decode/dialects/chanzhaoyu-chatgpt-web';
import { decodeChunks, expectFixture, fixturesOf, loadFixture, runText } from './fixture-runner';

const OCTET = 'application/octet-stream';
/** chatgpt-web's body: the first ChatMessage bare, each later one as "\n" + JSON. */
const body = (...messages: unknown[]): string => messages.map((message) => JSON.stringify(message)).join('\n');
const message = (text: string, extra: Record<string, unknown> = {}) => ({
  role: 'assistant',
  id: 'chatcmpl-1',
  parentMessageId: 'p-1',
  text,
  ...extra,
});

describe('chanzhaoyu-chatgpt-web dialect', () => {
  for (const fixture of fixturesOf('chanzhaoyu-chatgpt-web')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split(' (')[0]})`, () => expectFixture(fixture));
  }

  it('passes each piece of the accumulated text on once, however the body is cut', () => {
    const fixture = loadFixture('chanzhaoyu-chatgpt-web.txt');
    const text = new TextDecoder().decode(fixture.bytes);
    // Cut inside the "\n" between two objects, inside an escaped string and inside a multibyte character.
    const offsets = [1, 2, 3, 97, 98, 99, 100, text.indexOf('\n') + 1, fixture.bytes.indexOf(0xf0) + 1, fixture.bytes.indexOf(0xf0) + 2];
    const outcome = runText(OCTET, decodeChunks(fixture.bytes, offsets));
    expect(outcome.text).toBe(fixture.expected.text);
    expect(outcome.videos).toEqual(fixture.expected.videos);
  });

  it('is found by sniffing: octet-stream is not known to be JSON from its type alone', () => {
    expect(bodyFormatOf(OCTET)).toBe('sniff');
    expect(runText(OCTET, [body(message('a'), message('ab'))]).text).toBe('ab');
  });

  it('says so when the text is rewritten, and reads the new text after the old on a line of its own', () => {
    const outcome = runText(OCTET, [body(message('draft'), message('final [v](https://cdn.example/v.mp4)'))]);
    expect(outcome).toMatchObject({ text: 'draft\nfinal [v](https://cdn.example/v.mp4)', issues: ['unsupported-delta'] });
    expect(outcome.videos).toEqual([{ videoUrl: 'https://cdn.example/v.mp4' }]);
  });

  it('takes a text that drops the end already passed on (a trimmed answer) as adding nothing', () => {
    expect(runText(OCTET, [body(message('done\n'), message('done'), message('done\n!'))])).toMatchObject({ text: 'done\n!', issues: [] });
  });

  it('reads a failure glued to the last message as a server error', () => {
    const failure = JSON.stringify({ message: 'quota', data: null, status: 'Fail' });
    expect(runText(OCTET, [body(message('a')) + failure])).toMatchObject({ text: 'a', issues: ['server-error'], finished: false });
    // A failure before any message is the whole body.
    expect(runText(OCTET, [failure])).toMatchObject({ text: '', issues: ['server-error'] });
  });

  it('ends the answer with a body that arrived whole when no raw chunk says so (reverse-proxy mode)', () => {
    const proxied = (text: string) => ({ role: 'assistant', id: 'm-1', conversationId: 'c-1', parentMessageId: 'p-1', text });
    const stream = body(proxied('Here: '), proxied('Here: [视频](https://cdn.example/v.mp4)'));
    const statusAfter = (how: 'complete' | 'aborted') => {
      const session = createCaptureSession(
        { site: 'http://127.0.0.1', pageUrl: 'http://127.0.0.1/', endpointUrl: 'http://127.0.0.1/api/chat-process', contentType: OCTET },
        () => undefined,
      );
      session.push(stream);
      return session.end(how).map((update) => update.status);
    };
    expect(statusAfter('complete')).toEqual(['done']);
    expect(statusAfter('aborted')).toEqual(['partial']);
  });

  it('takes only assistant ChatMessages with an id and the whole text', () => {
    const reader = chanzhaoyuChatGptWeb.create();
    expect(reader.read({ json: { role: 'user', id: 'u', parentMessageId: 'p', text: 'hi' } })).toBeUndefined();
    expect(reader.read({ json: { role: 'assistant', text: 'hi' } })).toBeUndefined();
    expect(reader.read({ json: { role: 'assistant', id: 'x', text: 'hi' } })).toBeUndefined();
    expect(reader.read({ json: { status: 'Fail', message: 'x' } })).toBeUndefined();
    expect(reader.read({ json: 'hi', text: 'hi' })).toBeUndefined();
    expect(reader.read({ json: message('hi') })).toEqual({ text: 'hi' });
  });
});
