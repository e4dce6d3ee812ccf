import { readOpenAiChunkText, readOpenAiSseRun } from '../openai-chunk-fast-path';
import { chunkRead, isRecord, nonBlank, statelessDialect, type DialectMessage, type DialectRead } from './dialect';

/**
 * OpenAI chat completions: streamed `chat.completion.chunk` (`choices[].delta.content`) and
 * the non-streaming `chat.completion` (`choices[].message.content`). Only choice 0 is the
 * answer shown to the user, so only it is read.
 */
export const openAiChat = statelessDialect('openai-chat', readOpenAiChat, {
  readJsonText: readOpenAiChunkText,
  readSseRun: readOpenAiSseRun,
});

/** The dialect's reader of a parsed message (the fast path must agree with it). */
export function readOpenAiChat({ json: message }: DialectMessage): DialectRead | undefined {
  if (!isRecord(message) || !Array.isArray(message.choices)) return undefined;
  const kind = message.object;
  if (kind !== undefined && kind !== 'chat.completion.chunk' && kind !== 'chat.completion') return undefined;
  const model = nonBlank(message.model);
  const choice: unknown = message.choices.find((item: unknown) => isRecord(item) && (item.index ?? 0) === 0);
  if (!isRecord(choice)) return kind === undefined ? undefined : chunkRead(model, undefined, false);
  const part = isRecord(choice.delta) ? choice.delta : isRecord(choice.message) ? choice.message : undefined;
  if (kind === undefined && !part) return undefined;
  const text = part && typeof part.content === 'string' ? part.content : undefined;
  return chunkRead(model, text, typeof choice.finish_reason === 'string' && choice.finish_reason !== '');
}
