import { describe, expect, it } from 'vitest';
import { bodyFormatOf, createAnswerReassembler, MAX_JSON_BODY, type BodyFormat, type StreamIssue } from '@/src/decode/answer-reassembler';
import { openAiStream, seedExpected, seedPretty, seedSse } from '../../support/seed';

function reassemble(format: BodyFormat, chunks: string[]) {
  let text = '';
  const models: string[] = [];
  const issues: StreamIssue[] = [];
  let finished = false;
  const reassembler = createAnswerReassembler(format, {
    onText: (piece) => (text += piece),
    onModel: (model) => models.push(model),
    onFinished: () => (finished = true),
    onIssue: (issue) => issues.push(issue),
  });
  for (const chunk of chunks) reassembler.feed(chunk);
  reassembler.end();
  return { text, models, issues, finished };
}

const seedText = new TextDecoder().decode(seedSse);

describe('createAnswerReassembler', () => {
  it('reassembles the seed answer from its wire form', () => {
    const result = reassemble('sse', [seedText]);
    expect(result.text).toBe(seedExpected.content);
    expect(result.finished).toBe(true);
    expect(result.issues).toEqual([]);
    // The seed's model field is blank (" "): no model is reported.
    expect(result.models).toEqual([]);
  });

  it('gives the same text whatever the byte boundaries (every 13th offset; all of them in capture-session)', () => {
    for (let offset = 1; offset < seedSse.length; offset += 13) {
      const decoder = new TextDecoder();
      const chunks = [
        decoder.decode(seedSse.subarray(0, offset), { stream: true }),
        decoder.decode(seedSse.subarray(offset), { stream: true }) + decoder.decode(),
      ];
      const { text } = reassemble('sse', chunks);
      if (text !== seedExpected.content) expect.fail(`split at byte ${offset} changed the answer`);
    }
  }, 60_000);

  it('reads the pretty-printed saved log leniently and says so', () => {
    const result = reassemble('sse', [seedPretty]);
    expect(result.text).toBe(seedExpected.content);
    expect(result.finished).toBe(true);
    expect(result.issues.map((issue) => issue.type)).toEqual(['pretty-printed']);
  });

  it('reads the pretty-printed log fed line by line', () => {
    const lines = seedPretty.split(/(?<=\n)/);
    expect(reassemble('sse', lines).text).toBe(seedExpected.content);
  });

  it('handles CRLF line ends and a byte order mark', () => {
    const crlf = '\uFEFF' + openAiStream(['a', 'b', 'c']).replaceAll('\n', '\r\n');
    expect(reassemble('sse', [crlf]).text).toBe('abc');
  });

  it('keeps the last event of a stream cut before its blank line', () => {
    const cut = openAiStream(['x', 'y']).replace(/\n\ndata: \[DONE\]\n\n$/, '');
    const result = reassemble('sse', [cut]);
    expect(result.text).toBe('xy');
    expect(result.finished).toBe(false);
  });

  it('reports non-JSON data and server error events instead of throwing', () => {
    const stream = `data: {"choices":[{"index":0,"delta":{"content":"ok"}}]}\n\ndata: not json\n\nevent: error\ndata: quota\n\n`;
    const result = reassemble('sse', [stream]);
    expect(result.text).toBe('ok');
    expect(result.issues.map((issue) => issue.type).sort()).toEqual(['not-json', 'server-error']);
  });

  it('reads a non-streaming chat.completion JSON body', () => {
    const body = JSON.stringify({
      object: 'chat.completion',
      model: 'cogvideox',
      choices: [{ index: 0, message: { role: 'assistant', content: seedExpected.content }, finish_reason: 'stop' }],
    });
    const result = reassemble('json', [body.slice(0, 10), body.slice(10)]);
    expect(result.text).toBe(seedExpected.content);
    expect(result.models).toEqual(['cogvideox']);
    expect(result.finished).toBe(true);
  });

  it('reads NDJSON chunk lines', () => {
    const lines = ['he', 'llo'].map((content) => JSON.stringify({ choices: [{ index: 0, delta: { content } }] }));
    expect(reassemble('ndjson', [lines.join('\n')]).text).toBe('hello');
  });

  it('reads only the first choice of n > 1 answers', () => {
    const event = (index: number, content: string) =>
      `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index, delta: { content } }] })}\n\n`;
    expect(reassemble('sse', [event(1, 'B'), event(0, 'A'), event(1, 'B')]).text).toBe('A');
  });
});

describe('createAnswerReassembler framings', () => {
  it('reads JSON values that follow each other in a JSON body', () => {
    const chunk = (content: string) => JSON.stringify({ choices: [{ index: 0, delta: { content } }] });
    expect(reassemble('json', [`${chunk('a')}${chunk('b')}\n${chunk('c')}`]).text).toBe('abc');
  });

  it('sniffs SSE served as text/plain', () => {
    expect(reassemble('sniff', ['da', openAiStream(['x', 'y']).slice(2)])).toMatchObject({ text: 'xy', finished: true, issues: [] });
  });

  it('sniffs past leading blank lines and a byte order mark', () => {
    const blank = '\uFEFF' + '\n'.repeat(100);
    expect(reassemble('sniff', [blank, '0:"a"\n', 'd:{"finishReason":"stop"}\n'])).toMatchObject({ text: 'a', finished: true });
  });

  it('reports a body it cannot frame, once', () => {
    const result = reassemble('sniff', ['<html>', '<body>oops</body>']);
    expect(result.issues.map((issue) => issue.type)).toEqual(['unknown-framing']);
  });

  it('reports a data stream line that is not JSON', () => {
    expect(reassemble('data-stream', ['0:"a"\n0:nope\n']).issues.map((issue) => issue.type)).toEqual(['not-json']);
  });

  it('reports an oversized NDJSON line and reads on', () => {
    const line = JSON.stringify({ choices: [{ index: 0, delta: { content: 'ok' } }] });
    const result = reassemble('ndjson', [`${line}\n`, 'x'.repeat(MAX_JSON_BODY + 1), `\n${line}\n`]);
    expect(result.text).toBe('okok');
    expect(result.issues.map((issue) => issue.type)).toEqual(['too-large']);
  });

  it('passes a dialect issue on once per type', () => {
    const stream = ['3:"first"\n', '3:"second"\n'];
    expect(reassemble('data-stream', stream).issues).toEqual([{ type: 'server-error', message: 'the server sent an error: first' }]);
  });
});

describe('bodyFormatOf', () => {
  it('maps content types to framings', () => {
    expect(bodyFormatOf('text/event-stream; charset=utf-8')).toBe('sse');
    expect(bodyFormatOf('application/x-ndjson')).toBe('ndjson');
    expect(bodyFormatOf('application/json')).toBe('json');
    expect(bodyFormatOf('text/plain')).toBe('sniff-text');
  });
});
