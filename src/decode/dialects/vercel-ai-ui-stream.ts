import { isRecord, nonBlank, statelessDialect, type DialectRead } from './dialect';

/** Chunk types of the AI SDK 5 UI message stream; custom `data-*` parts are recognised by prefix. */
const CHUNK_TYPES = new Set([
  'start',
  'finish',
  'abort',
  'error',
  'start-step',
  'finish-step',
  'text-start',
  'text-delta',
  'text-end',
  'reasoning-start',
  'reasoning-delta',
  'reasoning-end',
  'tool-input-start',
  'tool-input-delta',
  'tool-input-available',
  'tool-input-error',
  'tool-output-available',
  'tool-output-error',
  'source-url',
  'source-document',
  'file',
  'message-metadata',
]);

/**
 * Vercel AI SDK 5 UI message stream (`x-vercel-ai-ui-message-stream: v1`): SSE `data:` chunks
 * typed by `type`; `text-delta` carries answer text in `delta`, `finish` ends the message,
 * `error` carries `errorText`, and the stream closes with `data: [DONE]`.
 */
export const vercelAiUiStream = statelessDialect('vercel-ai-ui-stream', ({ json: chunk }) => {
  if (!isRecord(chunk) || typeof chunk.type !== 'string') return undefined;
  if (!CHUNK_TYPES.has(chunk.type) && !chunk.type.startsWith('data-')) return undefined;
  const read: DialectRead = {};
  switch (chunk.type) {
    case 'text-delta':
      if (typeof chunk.delta !== 'string') return undefined;
      if (chunk.delta !== '') read.text = chunk.delta;
      break;
    case 'finish':
      read.finished = true;
      break;
    case 'error': {
      // Anthropic's `error` events look alike but carry an `error` object, not `errorText`.
      const reason = nonBlank(chunk.errorText);
      if (!reason) return undefined;
      read.issue = { type: 'server-error', message: `the server sent an error: ${reason.slice(0, 200)}` };
      break;
    }
  }
  return read;
});
