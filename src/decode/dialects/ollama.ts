import { isRecord, nonBlank, statelessDialect, type DialectRead } from './dialect';

/**
 * Ollama's native NDJSON streams: `/api/chat` lines `{model, message: {role, content}, done}`
 * and `/api/generate` lines `{model, response, done}`; the last line has `done: true` (and
 * `done_reason`). `message.thinking` is the model's reasoning, not the answer.
 */
export const ollama = statelessDialect('ollama', ({ json: line }) => {
  if (!isRecord(line) || typeof line.done !== 'boolean') return undefined;
  let text: unknown;
  if (isRecord(line.message)) text = line.message.content;
  else if ('response' in line) text = line.response;
  else return undefined;
  if (text !== undefined && typeof text !== 'string') return undefined;
  const read: DialectRead = {};
  const model = nonBlank(line.model);
  if (model) read.model = model;
  if (text) read.text = text;
  if (line.done) read.finished = true;
  return read;
});
