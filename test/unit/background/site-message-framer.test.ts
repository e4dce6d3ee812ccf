import { describe, expect, it } from 'vitest';
import { siteMessageFramer } from '@/src/background/site-message-framer';
import { MAX_JSON_BODY } from '@/src/decode/answer-reassembler';

function framed(framing: Parameters<typeof siteMessageFramer>[0], contentType: string, parts: string[]) {
  const messages: string[] = [];
  const issues: string[] = [];
  const framer = siteMessageFramer(framing, contentType, (text) => messages.push(text), (type, message) => issues.push(`${type}: ${message}`), 'fake-app task');
  for (const part of parts) framer.feed(part);
  framer.end();
  return { messages, issues };
}

describe('siteMessageFramer', () => {
  it('hands on the data of each server-sent event', () => {
    expect(framed('sse', 'text/event-stream', ['data: {"a":1}\n', '\ndata: {"a":2}\n\n']).messages).toEqual(['{"a":1}', '{"a":2}']);
  });

  it('hands on each line of JSON lines, and each value of a JSON answer', () => {
    expect(framed('json-lines', 'application/x-ndjson', ['{"a":1}\n{"a"', ':2}\n']).messages.map((text) => text.trim())).toEqual(['{"a":1}', '{"a":2}']);
    expect(framed('json', 'application/json', ['{"a":', '1}']).messages.map((text) => text.trim())).toEqual(['{"a":1}']);
  });

  it('says, naming the endpoint, when a JSON value was too large', () => {
    const { messages, issues } = framed('json', 'application/json', [`{"a":"${'x'.repeat(MAX_JSON_BODY)}"}`]);
    expect(messages).toEqual([]);
    expect(issues).toEqual([`too-large: fake-app task: a JSON value larger than ${MAX_JSON_BODY} characters was dropped`]);
  });
});
