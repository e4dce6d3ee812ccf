/** The Socket.IO event Open WebUI streams answers on. */
export const OPEN_WEBUI_CHAT_EVENT = 'chat-events';

/** What one `chat-events` payload did to one answer message. */
export interface OpenWebUiAnswerUpdate {
  chatId?: string;
  messageId: string;
  /** Text to append to what this message's earlier updates gave (often empty: status, sources…). */
  text: string;
  /** The message's whole content after this update. */
  content: string;
  /**
   * The content was replaced by one that does not extend it (Open WebUI re-renders open
   * reasoning or code blocks; its last event strips trailing white space). `text` is then
   * the new content after the part both share; an appending reader cannot take back the rest.
   */
  rewritten: boolean;
  /** `chat:completion` with `done: true`: the answer is complete. */
  done: boolean;
  /** A model named by the payload (`model` of an OpenAI chunk passed through). */
  model?: string;
}

export interface OpenWebUiEventReader {
  /** Reads the payload of one `chat-events` event; undefined when it is not one. */
  read(payload: unknown): OpenWebUiAnswerUpdate | undefined;
}

/** Messages whose content is remembered at once; a socket lives as long as the tab. */
export const MAX_TRACKED_MESSAGES = 64;

/**
 * Reads Open WebUI's `chat-events` payloads (`{chat_id, message_id, data: {type, data}}`)
 * into answer text, per message, the way its front end applies them (`Chat.svelte`
 * `chatEventHandler` / `chatCompletionEventHandler`):
 * - `chat:completion`: `content` replaces the message (the backend sends the cumulative
 *   content, `serialize_content_blocks`, on every delta); `choices[0].delta.content` and
 *   `choices[0].message.content` append (OpenAI chunks passed through); `output` (newer
 *   versions) replaces it with the output items' text; `done: true` ends it.
 * - `chat:message:delta` / `message`: `data.content` appends.
 * - `chat:message` / `replace`: `data.content` replaces.
 * Other types (`status`, `source`, `files`…) change no text.
 */
export function createOpenWebUiEventReader(): OpenWebUiEventReader {
  const contents = new Map<string, string>();

  return {
    read(payload) {
      if (!isRecord(payload) || typeof payload.message_id !== 'string' || !isRecord(payload.data)) return undefined;
      const messageId = payload.message_id;
      const { type, data } = payload.data;
      if (typeof type !== 'string') return undefined;
      const before = contents.get(messageId) ?? '';
      let after = before;
      let done = false;
      let model: string | undefined;
      if (isRecord(data)) {
        if (type === 'chat:completion') {
          const choice: unknown = Array.isArray(data.choices) ? data.choices[0] : undefined;
          if (Array.isArray(data.output)) after = outputText(data.output);
          else {
            if (isRecord(choice)) after += textOf(choice.message) || textOf(choice.delta);
            // Open WebUI skips an empty `content` (`if (content)`), and so does this.
            if (typeof data.content === 'string' && data.content !== '') after = data.content;
          }
          done = data.done === true;
          if (typeof data.model === 'string' && data.model.trim() !== '') model = data.model.trim();
        } else if (type === 'chat:message:delta' || type === 'message') {
          after += textOf(data);
        } else if (type === 'chat:message' || type === 'replace') {
          if (typeof data.content === 'string') after = data.content;
        }
      }
      remember(contents, messageId, after);
      const shared = after.startsWith(before) ? before.length : commonPrefixLength(before, after);
      const shrunk = shared === after.length && after.length < before.length;
      return {
        ...(typeof payload.chat_id === 'string' ? { chatId: payload.chat_id } : {}),
        messageId,
        text: after.slice(shared),
        content: after,
        rewritten: shared < before.length && !shrunk,
        done,
        ...(model ? { model } : {}),
      };
    },
  };
}

/** Keeps the newest messages only: a long-lived socket carries many answers. */
function remember(contents: Map<string, string>, messageId: string, content: string): void {
  contents.delete(messageId);
  contents.set(messageId, content);
  if (contents.size > MAX_TRACKED_MESSAGES) {
    const oldest = contents.keys().next().value;
    if (oldest !== undefined) contents.delete(oldest);
  }
}

/** `content` of a message or delta object, or ''. */
function textOf(value: unknown): string {
  return isRecord(value) && typeof value.content === 'string' ? value.content : '';
}

/** Text of OpenResponses-style output items: the `output_text` parts of `message` items. */
function outputText(items: unknown[]): string {
  let text = '';
  for (const item of items) {
    if (!isRecord(item) || item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (isRecord(part) && part.type === 'output_text' && typeof part.text === 'string') text += part.text;
    }
  }
  return text;
}

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let index = 0;
  while (index < max && a.charCodeAt(index) === b.charCodeAt(index)) index += 1;
  // Never split a surrogate pair.
  if (index > 0 && index < max && isHighSurrogate(a.charCodeAt(index - 1))) index -= 1;
  return index;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
