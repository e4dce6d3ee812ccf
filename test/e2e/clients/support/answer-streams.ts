import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { UIMessageChunk } from 'ai';
import { contentDeltas, parseSseEvents } from '../../../demo-site/seed-replay';
import { seedExpected, seedSse } from '../../../support/seed';

/**
 * What the local servers of the client tests send, built from the recorded seed answer
 * (test/fixtures/streams/cogvideo-dog.*), so a test can compare what a client library gave
 * the page with what was sent.
 */

/** The model the test pages ask for (the seed itself streams a blank one). */
export const REQUEST_MODEL = 'cogvideox-demo';
export const PROMPT = '一条狗';

/** The seed's `data:` payloads, `[DONE]` last. */
export const seedData: string[] = parseSseEvents(new TextDecoder().decode(seedSse)).map((event) => event.data);
/** The seed's `choices[0].delta.content` pieces, as the model streamed them. */
export const seedDeltas: string[] = contentDeltas(parseSseEvents(new TextDecoder().decode(seedSse)));
/** The answer text every client must end up with. */
export const seedAnswer: string = seedExpected.content;

/** The seed's event stream; with `event` set, every event is named (`event: <name>`). */
export function seedEventStream(event?: string): Uint8Array {
  if (event === undefined) return seedSse;
  return new TextEncoder().encode(seedData.map((data) => `event: ${event}\ndata: ${data}\n\n`).join(''));
}

/** The seed answer as one non-streamed `chat.completion` (`stream: false`). */
export function seedCompletion(): Record<string, unknown> {
  return {
    id: 'chatcmpl-9HTx3gddGmuG3T9ZYXgeSX',
    object: 'chat.completion',
    created: 1742889537,
    model: REQUEST_MODEL,
    choices: [{ index: 0, message: { role: 'assistant', content: seedAnswer }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 4, completion_tokens: 120, total_tokens: 124 },
  };
}

/** A `chat-events` payload of Open WebUI (backend/open_webui/socket/main.py `get_event_emitter`). */
export interface OpenWebUiChatEvent {
  chat_id: string;
  message_id: string;
  data: { type: string; data: Record<string, unknown> };
}

/**
 * How Open WebUI's backend streams the seed answer over Socket.IO: a status, then on every
 * model delta a `chat:completion` with the cumulative content, then `done` with the content
 * stripped (utils/middleware.py).
 */
export function openWebUiChatEvents(chatId: string, messageId: string): OpenWebUiChatEvent[] {
  const event = (type: string, data: Record<string, unknown>): OpenWebUiChatEvent => ({
    chat_id: chatId,
    message_id: messageId,
    data: { type, data },
  });
  const events = [event('status', { action: 'web_search', description: 'Generating video', done: false })];
  let content = '';
  for (const delta of seedDeltas) {
    if (delta === '') continue;
    content += delta;
    events.push(event('chat:completion', { content }));
  }
  events.push(event('chat:completion', { done: true, content: content.trim(), title: '一条狗' }));
  return events;
}

/** The seed answer as a Vercel AI SDK v5 UI message stream, one `text-delta` per model delta. */
export function seedUiMessageChunks(): UIMessageChunk[] {
  return [
    { type: 'start', messageId: 'msg-seed' },
    { type: 'start-step' },
    { type: 'text-start', id: 'text-1' },
    ...seedDeltas.filter((delta) => delta !== '').map((delta): UIMessageChunk => ({ type: 'text-delta', id: 'text-1', delta })),
    { type: 'text-end', id: 'text-1' },
    { type: 'finish-step' },
    { type: 'finish' },
  ];
}

/**
 * The seed answer as chatgpt-web's `/api/chat-process` writes it (`application/octet-stream`):
 * one `chatgpt` package `ChatMessage` per model delta with the accumulated `text`, the first
 * bare and each later one as "\n" + JSON, no trailing line end, the finish chunk last.
 */
export function chatgptWebBody(): string[] {
  const id = 'chatcmpl-9HTx3gddGmuG3T9ZYXgeSX';
  const base = { role: 'assistant', id, parentMessageId: 'b3a1f1de-7f0e-4c0a-9a7e-5d2f1c3b4a59' };
  const detail = (delta: Record<string, unknown>, finish: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created: 1742889537,
    model: REQUEST_MODEL,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const lines = [JSON.stringify({ ...base, text: '', delta: '', detail: detail({ role: 'assistant', content: '' }, null) })];
  let text = '';
  for (const delta of seedDeltas) {
    if (delta === '') continue;
    text += delta;
    lines.push(JSON.stringify({ ...base, text, delta, detail: detail({ content: delta }, null) }));
  }
  lines.push(JSON.stringify({ ...base, text, detail: detail({}, 'stop') }));
  return lines.map((line, index) => (index === 0 ? line : `\n${line}`));
}

/** A sora2api-style relay's answer (test/fixtures/streams/dialects/openai-video-relay.sse), one string per event. */
export const relayEvents: string[] = readFileSync(
  fileURLToPath(new URL('../../../fixtures/streams/dialects/openai-video-relay.sse', import.meta.url)),
  'utf8',
)
  .split(/(?<=\n\n)/)
  .filter((event) => event.trim() !== '');
/** The relay's first chunk id, its percent last reported, and its video. */
export const relayAnswer = { taskId: 'chatcmpl-1765012415000', percent: 87, video: 'https://oscdn2.dyysy.com/MP4/s_6953e2c377bc819185440082d9683a45.mp4' };
