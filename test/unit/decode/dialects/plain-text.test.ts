import { describe, expect, it } from 'vitest';
import { createCaptureSession } from '@/src/background/capture-session';
import { createAnswerReassembler } from '@/src/decode/answer-reassembler';
import { plainText } from '@/src/decode/dialects/plain-text';
import { expectFixture, fixturesOf, runText } from './fixture-runner';

const TEXT_PLAIN = 'text/plain; charset=utf-8';
const VIDEO = 'https://cdn.example/v/1.mp4';

describe('plain-text dialect', () => {
  for (const fixture of fixturesOf('plain-text')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split(' (')[0]})`, () => expectFixture(fixture));
  }

  it('reads a text/plain body that is neither JSON, SSE nor a data stream as the answer itself', () => {
    expect(runText(TEXT_PLAIN, ['Here is ', 'your video: [视频]', `(${VIDEO})`])).toMatchObject({
      text: `Here is your video: [视频](${VIDEO})`,
      finished: true,
      issues: [],
      videos: [{ videoUrl: VIDEO }],
    });
  });

  it('does not take an answer that opens with a markdown link for JSON, nor "a: b" for a data stream', () => {
    expect(runText(TEXT_PLAIN, ['[', `视频](${VIDEO})`]).videos).toEqual([{ videoUrl: VIDEO }]);
    expect(runText(TEXT_PLAIN, ['a', `: see ${VIDEO}`])).toMatchObject({ text: `a: see ${VIDEO}`, issues: [] });
  });

  it('still sniffs JSON, SSE and data streams labelled text/plain', () => {
    expect(runText(TEXT_PLAIN, ['0:"a"\nd:{"finishReason":"stop"}\n'])).toMatchObject({ text: 'a', finished: true });
    expect(runText(TEXT_PLAIN, ['data: {"choices":[{"delta":{"content":"b"}}]}\n\n'])).toMatchObject({ text: 'b' });
  });

  it('reads bare text only from text/plain: an HTML page or a binary body is never an answer', () => {
    expect(runText('text/html', [`<p>${VIDEO}</p>`])).toMatchObject({ text: '', issues: ['unknown-framing'], videos: [] });
    expect(runText('application/octet-stream', ['\u0000\u0001PK'])).toMatchObject({ text: '', issues: ['unknown-framing'] });
  });

  it('ends the answer only when the body ended whole', () => {
    const finished = (complete: boolean): boolean => {
      let done = false;
      const reassembler = createAnswerReassembler('sniff-text', {
        onText: () => undefined,
        onModel: () => undefined,
        onFinished: () => (done = true),
        onIssue: () => undefined,
      });
      reassembler.feed('some text');
      reassembler.end(complete);
      return done;
    };
    expect(finished(true)).toBe(true);
    expect(finished(false)).toBe(false);
  });

  it('stores a video in the last line (no line end) as done when the body completes, partial when it breaks', () => {
    const statusAfter = (how: 'complete' | 'aborted') => {
      const session = createCaptureSession(
        { site: 'http://127.0.0.1', pageUrl: 'http://127.0.0.1/', endpointUrl: 'http://127.0.0.1/api/chat', contentType: TEXT_PLAIN },
        () => undefined,
      );
      session.push(`Here: [视频](${VIDEO})`);
      return session.end(how).map((update) => update.status);
    };
    expect(statusAfter('complete')).toEqual(['done']);
    expect(statusAfter('aborted')).toEqual(['partial']);
  });

  it('takes only pieces of a bare text body', () => {
    const reader = plainText.create();
    expect(reader.read({ json: 'x' })).toBeUndefined();
    expect(reader.read({ json: { text: 'x' } })).toBeUndefined();
    expect(reader.read({ json: undefined, text: 'x' })).toEqual({ text: 'x' });
  });
});
