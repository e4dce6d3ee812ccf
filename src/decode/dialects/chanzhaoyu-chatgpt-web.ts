import { isRecord, nonBlank, type Dialect, type DialectRead, type DialectReader } from './dialect';

/**
 * The self-hosted chatgpt-web UI (github.com/Chanzhaoyu/chatgpt-web, not chatgpt.com, which is
 * `chatgpt-web`): `POST /api/chat-process` answers `application/octet-stream` with the
 * `chatgpt` package's `ChatMessage` objects joined by `\n` (`{role, id, parentMessageId, text,
 * delta, detail}`). `text` is the whole answer so far, not a delta, so only what it adds to the
 * text already passed on is the answer; `detail` is the raw OpenAI chunk (model, finish
 * reason; absent in its reverse-proxy mode, so a body that ends whole ends the answer). A
 * failure is `{message, data: null, status: "Fail"}`, glued to the last object without a line
 * break when chunks were already written.
 */
export const chanzhaoyuChatGptWeb: Dialect = { name: 'chanzhaoyu-chatgpt-web', create: createReader, endsWithBody: true };

function createReader(): DialectReader {
  /** The accumulated answer text passed on so far. */
  let emitted = '';

  return {
    read({ json }) {
      if (!isRecord(json)) return undefined;
      if (json.status === 'Fail' && json.data === null && typeof json.message === 'string') {
        return { issue: { type: 'server-error', message: `chatgpt-web reported a failure: ${json.message.slice(0, 200)}` } };
      }
      if (!isChatMessage(json)) return undefined;
      const read: DialectRead = {};
      const { text } = json;
      if (text.startsWith(emitted)) {
        if (text.length > emitted.length) read.text = text.slice(emitted.length);
        emitted = text;
      } else if (!emitted.startsWith(text)) {
        // Text already passed on cannot be taken back; the new text follows on a new line so
        // the extractor still sees every link it holds (it drops repeated videos). A text that
        // is a prefix of what was passed on (a trimmed end) adds nothing.
        read.issue = { type: 'unsupported-delta', message: 'the accumulated answer text was rewritten; the new text is read after the old' };
        read.text = `\n${text}`;
        emitted = text;
      }
      const detail = isRecord(json.detail) ? json.detail : undefined;
      const model = nonBlank(detail?.model);
      if (model) read.model = model;
      const choice: unknown = Array.isArray(detail?.choices) ? detail.choices[0] : undefined;
      if (isRecord(choice) && typeof choice.finish_reason === 'string' && choice.finish_reason !== '') read.finished = true;
      return read;
    },
  };
}

/** A `ChatMessage` of the `chatgpt` package as chatgpt-web writes it: an assistant message with its id and the whole text so far. */
function isChatMessage(json: Record<string, unknown>): json is Record<string, unknown> & { text: string } {
  return (
    json.role === 'assistant' &&
    typeof json.text === 'string' &&
    typeof json.id === 'string' &&
    (typeof json.parentMessageId === 'string' || isRecord(json.detail))
  );
}
