import { isRecord, nonBlank, statelessDialect, type DialectRead } from './dialect';

/** Events that end a response; the stream has no `[DONE]` after them. */
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * OpenAI Responses API: streamed semantic events (`response.output_text.delta` carries the
 * text; `response.created`/`response.completed` carry `response.model`; the stream ends with
 * `response.completed`, `response.incomplete` or `response.failed`, without `[DONE]`) and the
 * non-streaming `response` object (`output[].content[].text` of `output_text` parts).
 * Reasoning summaries, refusals and tool-call arguments are not the answer and are skipped.
 */
export const openAiResponses = statelessDialect('openai-responses', ({ json: message }) => {
  if (!isRecord(message)) return undefined;
  if (message.object === 'response' && Array.isArray(message.output)) return readWholeResponse(message);
  const type = message.type;
  if (typeof type !== 'string' || !type.startsWith('response.')) return undefined;
  const read: DialectRead = {};
  if (isRecord(message.response)) {
    const model = nonBlank(message.response.model);
    if (model) read.model = model;
  }
  if (type === 'response.output_text.delta' && typeof message.delta === 'string' && message.delta !== '') {
    read.text = message.delta;
  }
  if (TERMINAL.has(type)) read.finished = true;
  if (type === 'response.failed') {
    read.issue = { type: 'server-error', message: `the response failed: ${errorText(message.response)}` };
  }
  return read;
});

function readWholeResponse(response: Record<string, unknown>): DialectRead {
  const read: DialectRead = {};
  const model = nonBlank(response.model);
  if (model) read.model = model;
  const texts: string[] = [];
  for (const item of response.output as unknown[]) {
    if (!isRecord(item) || item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content as unknown[]) {
      if (isRecord(part) && part.type === 'output_text' && typeof part.text === 'string') texts.push(part.text);
    }
  }
  const text = texts.join('');
  if (text !== '') read.text = text;
  if (response.status === 'completed' || response.status === 'incomplete') read.finished = true;
  return read;
}

function errorText(response: unknown): string {
  if (!isRecord(response) || !isRecord(response.error)) return 'no reason given';
  return (nonBlank(response.error.message) ?? nonBlank(response.error.code) ?? 'no reason given').slice(0, 200);
}
