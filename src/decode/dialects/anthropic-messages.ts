import { isRecord, nonBlank, statelessDialect, type DialectRead } from './dialect';

/** Every event type of a Messages stream; `ping` and block boundaries carry nothing for us. */
const EVENT_TYPES = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
  'error',
]);

/**
 * Anthropic Messages: streamed events (`message_start` has `message.model`; text arrives in
 * `content_block_delta` events whose `delta.type` is `text_delta`; `message_stop` ends the
 * answer) and the non-streaming `message` object (`content[]` text blocks). Thinking,
 * signature and tool-input deltas are not the answer and are skipped.
 */
export const anthropicMessages = statelessDialect('anthropic-messages', ({ json: message }) => {
  if (!isRecord(message) || typeof message.type !== 'string') return undefined;
  if (message.type === 'message' && message.role === 'assistant' && Array.isArray(message.content)) {
    return readWholeMessage(message);
  }
  if (!EVENT_TYPES.has(message.type)) return undefined;
  const read: DialectRead = {};
  switch (message.type) {
    case 'message_start': {
      const model = isRecord(message.message) ? nonBlank(message.message.model) : undefined;
      if (model) read.model = model;
      break;
    }
    case 'content_block_delta': {
      const delta = message.delta;
      if (isRecord(delta) && delta.type === 'text_delta' && typeof delta.text === 'string' && delta.text !== '') {
        read.text = delta.text;
      }
      break;
    }
    case 'message_stop':
      read.finished = true;
      break;
    case 'error': {
      // An `error` event must carry an error object; without one it is some other format's.
      if (!isRecord(message.error)) return undefined;
      const reason = nonBlank(message.error.message) ?? nonBlank(message.error.type) ?? 'no reason given';
      read.issue = { type: 'server-error', message: `the server sent an error: ${reason.slice(0, 200)}` };
      break;
    }
  }
  return read;
});

function readWholeMessage(message: Record<string, unknown>): DialectRead {
  const read: DialectRead = {};
  const model = nonBlank(message.model);
  if (model) read.model = model;
  const text = (message.content as unknown[])
    .map((block) => (isRecord(block) && block.type === 'text' && typeof block.text === 'string' ? block.text : ''))
    .join('');
  if (text !== '') read.text = text;
  if (typeof message.stop_reason === 'string') read.finished = true;
  return read;
}
