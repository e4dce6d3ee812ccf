import { isRecord, statelessDialect, type DialectRead } from './dialect';

/**
 * Event names of LobeChat's own SSE protocol (`StreamProtocolChunk['type']` in its model
 * runtime); `error` is taken by the reassembler before any dialect sees it.
 */
const EVENTS = new Set([
  'text',
  'content_part',
  'stop',
  'data',
  'usage',
  'speed',
  'grounding',
  'tool_calls',
  'reasoning',
  'reasoning_part',
  'reasoning_signature',
  'reasoning_response_item',
  'flagged_reasoning_signature',
  'base64_image',
]);

/**
 * LobeChat's server-side streams (`/webapi/chat/<provider>`): every provider's answer is
 * re-encoded as `event: <type>` + `data: <JSON>`; `event: text` carries the text as a JSON
 * string, `content_part` a `{partType, content, inReasoning}` part, `event: stop` ends it.
 * Reasoning, tool calls, usage and raw `data` chunks are not the answer. A plain OpenAI stream
 * has no event names, so this dialect never takes one.
 */
export const lobeChat = statelessDialect('lobechat', ({ json, event }) => {
  if (event === undefined || !EVENTS.has(event)) return undefined;
  const read: DialectRead = {};
  switch (event) {
    case 'text':
      if (typeof json !== 'string') return undefined;
      if (json !== '') read.text = json;
      break;
    case 'content_part':
      // Multimodal parts: only text outside the reasoning is the answer.
      if (isRecord(json) && json.partType === 'text' && json.inReasoning !== true && typeof json.content === 'string') {
        if (json.content !== '') read.text = json.content;
      }
      break;
    case 'stop':
      read.finished = true;
      break;
  }
  return read;
});
