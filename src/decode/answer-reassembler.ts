import { DIALECTS, type Dialect, type DialectMessage, type DialectReader } from './dialects';
import { createSseDecoder, type DecodeIssue, type SseEvent } from './sse-decoder';

/** How a response body frames its messages, from its content type. */
export type BodyFormat = 'sse' | 'ndjson' | 'json';

/** A stated, logged outcome for input that is not what it should be. */
export interface StreamIssue {
  type: DecodeIssue['type'] | 'not-json' | 'unknown-dialect' | 'server-error' | 'too-large';
  message: string;
}

export interface AnswerCallbacks {
  /** More answer text, in order. */
  onText(text: string): void;
  onModel(model: string): void;
  /** The server marked the answer complete (`[DONE]`, `finish_reason`). */
  onFinished(): void;
  onIssue(issue: StreamIssue): void;
}

export interface AnswerReassembler {
  feed(text: string): void;
  end(): void;
}

/** A whole JSON body larger than this is not parsed (a chat answer is far smaller). */
export const MAX_JSON_BODY = 16 * 1024 * 1024;

/** Picks the framing from a `Content-Type` header value. */
export function bodyFormatOf(contentType: string): BodyFormat {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/event-stream') return 'sse';
  if (type.includes('ndjson') || type.includes('jsonl') || type === 'application/stream+json') return 'ndjson';
  return 'json';
}

/**
 * Turns the raw text of one response into the answer's text, whatever the framing and
 * dialect: SSE through `eventsource-parser`, NDJSON line by line, or one JSON body. The
 * first message a dialect understands fixes the dialect for the rest of the stream.
 */
export function createAnswerReassembler(
  format: BodyFormat,
  callbacks: AnswerCallbacks,
  dialects: readonly Dialect[] = DIALECTS,
): AnswerReassembler {
  let dialect: DialectReader | undefined;
  let candidates: DialectReader[] | undefined;
  let lastModel: string | undefined;
  let finished = false;
  const reported = new Set<string>();
  const issue = (type: StreamIssue['type'], message: string): void => {
    if (reported.has(type)) return;
    reported.add(type);
    callbacks.onIssue({ type, message });
  };

  const readMessage = (message: DialectMessage): void => {
    candidates ??= dialects.map((item) => item.create());
    for (const candidate of dialect ? [dialect] : candidates) {
      const read = candidate.read(message);
      if (!read) continue;
      dialect = candidate;
      if (read.model && read.model !== lastModel) {
        lastModel = read.model;
        callbacks.onModel(read.model);
      }
      if (read.text) callbacks.onText(read.text);
      if (read.finished) markFinished();
      return;
    }
    issue('unknown-dialect', 'a message matched no known dialect and was skipped');
  };

  const markFinished = (): void => {
    if (finished) return;
    finished = true;
    callbacks.onFinished();
  };

  const readJsonText = (text: string, event?: string): void => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (trimmed === '[DONE]') {
      markFinished();
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(trimmed);
    } catch {
      issue('not-json', `a message was not JSON: ${trimmed.slice(0, 80)}`);
      return;
    }
    readMessage(event === undefined ? { json: message } : { json: message, event });
  };

  if (format === 'sse') {
    const decoder = createSseDecoder(
      (event: SseEvent) => {
        if (event.event === 'error') {
          issue('server-error', `the server sent an error event: ${event.data.slice(0, 200)}`);
          return;
        }
        readJsonText(event.data, event.event);
      },
      (decodeIssue) => issue(decodeIssue.type, decodeIssue.message),
    );
    return { feed: (text) => decoder.feed(text), end: () => decoder.end() };
  }

  if (format === 'ndjson') {
    let partial = '';
    return {
      feed(text) {
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) readJsonText(line);
        if (partial.length > MAX_JSON_BODY) {
          partial = '';
          issue('too-large', 'an NDJSON line was too large and was dropped');
        }
      },
      end() {
        readJsonText(partial);
        partial = '';
      },
    };
  }

  let body = '';
  let tooLarge = false;
  return {
    feed(text) {
      if (tooLarge) return;
      body += text;
      if (body.length > MAX_JSON_BODY) {
        tooLarge = true;
        body = '';
        issue('too-large', `the JSON body is larger than ${MAX_JSON_BODY} characters and was not read`);
      }
    },
    end() {
      if (!tooLarge) readJsonText(body);
      body = '';
    },
  };
}
