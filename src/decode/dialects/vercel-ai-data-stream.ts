import { isRecord, statelessDialect, type DialectRead } from './dialect';

/**
 * Part type codes of the AI SDK 4 data stream protocol (`x-vercel-ai-data-stream: v1`):
 * text, data, error, annotations, tool call/result/start/delta, finish message, finish step,
 * start step, reasoning, source, redacted reasoning, reasoning signature, file.
 */
const PART_CODES = new Set(['0', '2', '3', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']);

/**
 * Vercel AI SDK 4 data stream: `TYPE:JSON` lines (the reassembler's `data-stream` framing hands
 * each line over with its code as the event). `0:"…"` is answer text, `3:"…"` an error,
 * `d:{finishReason…}` ends the message; `e:` only ends a step (more may follow with tools).
 */
export const vercelAiDataStream = statelessDialect('vercel-ai-data-stream', ({ json, event }) => {
  if (event === undefined || !PART_CODES.has(event)) return undefined;
  const read: DialectRead = {};
  switch (event) {
    case '0':
      if (typeof json !== 'string') return undefined;
      if (json !== '') read.text = json;
      break;
    case '3': {
      const reason = typeof json === 'string' ? json : JSON.stringify(json);
      read.issue = { type: 'server-error', message: `the server sent an error: ${reason.slice(0, 200)}` };
      break;
    }
    case 'd':
      if (!isRecord(json)) return undefined;
      read.finished = true;
      break;
  }
  return read;
});
