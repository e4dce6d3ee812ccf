import { sniffBodyFormat, type BodyFormat } from './body-format';
import { DIALECTS, type Dialect, type DialectMessage, type DialectRead, type DialectReader } from './dialects';
import { createJsonSequenceDecoder } from './json-sequence-decoder';
import { createLineSplitter } from './line-splitter';
import { createSseDecoder, type DecodeIssue, type SseEvent } from './sse-decoder';

export { bodyFormatOf, type BodyFormat } from './body-format';

/** A stated, logged outcome for input that is not what it should be. */
export interface StreamIssue {
  type:
    | DecodeIssue['type']
    | NonNullable<DialectRead['issue']>['type']
    | 'not-json'
    | 'unknown-dialect'
    | 'unknown-framing'
    | 'server-error'
    | 'too-large'
    /** A video app's endpoint answered in a shape its site extractor does not know. */
    | 'unknown-shape'
    /** A video app's response broke off before its end. */
    | 'stream-broke';
  message: string;
}

export interface AnswerCallbacks {
  /** More answer text, in order. */
  onText(text: string): void;
  onModel(model: string): void;
  /** The dialect that reads the stream, once it is known (for the capture log). */
  onDialect?(name: string): void;
  /** The server marked the answer complete (`[DONE]`, `finish_reason`, `message_stop`…). */
  onFinished(): void;
  /** The stream moves on to another answer (see `DialectRead.answerStart`). */
  onAnswerStart?(): void;
  /** The stream reported progress or a task id outside the answer text (see `DialectRead.percent`). */
  onProgress?(progress: { percent?: number; taskId?: string }): void;
  onIssue(issue: StreamIssue): void;
}

export interface AnswerReassembler {
  feed(text: string): void;
  /**
   * The body is over; `complete` when it arrived whole. For a dialect without an end marker of
   * its own (`Dialect.endsWithBody`), that is the answer's end.
   */
  end(complete?: boolean): void;
}

/** A JSON value or line larger than this is not parsed (a chat answer is far smaller). */
export const MAX_JSON_BODY = 16 * 1024 * 1024;
/** Characters of a `sniff` body looked at before giving up on knowing its framing. */
const MAX_SNIFF = 64;

interface Framer {
  feed(text: string): void;
  end(): void;
}

/**
 * Turns the raw text of one response into the answer's text, whatever the framing and
 * dialect: SSE through `eventsource-parser`, NDJSON or data stream lines, JSON values (a whole
 * body or an array streamed element by element), or a framing sniffed from the first
 * characters, or the bare text of a text/plain body that is none of those. The first message
 * a dialect understands fixes the dialect for the rest of the stream.
 */
export function createAnswerReassembler(
  format: BodyFormat,
  callbacks: AnswerCallbacks,
  dialects: readonly Dialect[] = DIALECTS,
): AnswerReassembler {
  let dialect: DialectReader | undefined;
  /** The dialect whose reader `dialect` is. */
  let claimedBy: Dialect | undefined;
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
      if (!dialect) {
        claimedBy = dialects[candidates.indexOf(candidate)];
        if (claimedBy) callbacks.onDialect?.(claimedBy.name);
      }
      dialect = candidate;
      apply(read);
      return;
    }
    issue('unknown-dialect', 'a message matched no known dialect and was skipped');
  };

  const apply = (read: DialectRead): void => {
    if (read.model && read.model !== lastModel) {
      lastModel = read.model;
      callbacks.onModel(read.model);
    }
    if (read.answerStart) {
      finished = false;
      callbacks.onAnswerStart?.();
    }
    if (read.text) callbacks.onText(read.text);
    if (read.percent !== undefined || read.taskId !== undefined) {
      callbacks.onProgress?.({
        ...(read.percent === undefined ? {} : { percent: read.percent }),
        ...(read.taskId === undefined ? {} : { taskId: read.taskId }),
      });
    }
    if (read.issue) issue(read.issue.type, read.issue.message);
    if (read.finished) markFinished();
  };

  const markFinished = (): void => {
    if (finished) return;
    finished = true;
    callbacks.onFinished();
  };

  const parse = (text: string): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      issue('not-json', `a message was not JSON: ${text.slice(0, 80)}`);
      return { ok: false };
    }
  };

  const readJsonText = (text: string, event?: string): void => {
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (trimmed === '[DONE]') {
      markFinished();
      return;
    }
    // Once the dialect is known it may read its messages without a full parse (issue 14).
    const fast = dialect?.readJsonText?.(trimmed);
    if (fast) {
      apply(fast);
      return;
    }
    const parsed = parse(trimmed);
    if (parsed.ok) readMessage(event === undefined ? { json: parsed.value } : { json: parsed.value, event });
  };

  const readDataStreamLine = (line: string): void => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    if (colon < 1 || colon > 2) {
      issue('not-json', `a data stream line had no part type: ${line.slice(0, 80)}`);
      return;
    }
    const parsed = parse(line.slice(colon + 1));
    if (parsed.ok) readMessage({ json: parsed.value, event: line.slice(0, colon) });
  };

  const tooLarge = (what: string) => (): void =>
    issue('too-large', `${what} larger than ${MAX_JSON_BODY} characters was dropped`);

  const framerFor = (framing: Framing): Framer => {
    switch (framing) {
      case 'sse':
        return createSseDecoder(
          (event: SseEvent) => {
            if (event.event === 'error') {
              issue('server-error', `the server sent an error event: ${event.data.slice(0, 200)}`);
              return;
            }
            readJsonText(event.data, event.event);
          },
          (decodeIssue) => issue(decodeIssue.type, decodeIssue.message),
          (text, from) => {
            const run = dialect?.readSseRun?.(text, from);
            if (!run) return from;
            apply(run.read);
            return run.end;
          },
        );
      case 'ndjson':
        return createLineSplitter((line) => readJsonText(line), tooLarge('an NDJSON line'), MAX_JSON_BODY);
      case 'data-stream':
        return createLineSplitter(readDataStreamLine, tooLarge('a data stream line'), MAX_JSON_BODY);
      case 'json':
        return createJsonSequenceDecoder((text) => readJsonText(text), tooLarge('a JSON value'), MAX_JSON_BODY);
      case 'text':
        return {
          feed: (text) => {
            if (text !== '') readMessage({ json: undefined, text });
          },
          end: () => undefined,
        };
    }
  };

  const framer =
    format === 'sniff' || format === 'sniff-text' ? createSniffingFramer(framerFor, issue, format === 'sniff-text') : framerFor(format);
  return {
    feed: (text) => framer.feed(text),
    end(complete = false) {
      framer.end();
      // After a server error the answer broke, whatever the transport says.
      if (complete && claimedBy?.endsWithBody && !reported.has('server-error')) markFinished();
    },
  };
}

type Framing = Exclude<BodyFormat, 'sniff' | 'sniff-text'>;

/**
 * Holds the first characters of a body whose content type says nothing until they show its
 * framing, then hands everything to that framing's decoder.
 */
function createSniffingFramer(
  framerFor: (framing: Framing) => Framer,
  issue: (type: StreamIssue['type'], message: string) => void,
  orText: boolean,
): Framer {
  let head = '';
  let framer: Framer | undefined;
  let unknown = false;

  const decide = (final: boolean): void => {
    const sniffed = sniffBodyFormat(head);
    if (sniffed === 'undecided' && !final && head.length <= MAX_SNIFF) return;
    const framing = (sniffed === 'undecided' || sniffed === 'unknown') && orText ? 'text' : sniffed;
    if (framing === 'undecided' || framing === 'unknown') {
      if (head.trim() !== '') {
        unknown = true;
        issue('unknown-framing', `the body is neither JSON, SSE nor a data stream: ${head.slice(0, 40)}`);
      }
      head = '';
      return;
    }
    framer = framerFor(framing);
    const text = head;
    head = '';
    framer.feed(text);
  };

  return {
    feed(text) {
      if (framer) {
        framer.feed(text);
        return;
      }
      if (unknown) return;
      // Leading blank lines and a byte order mark mean nothing in any framing; only what
      // follows them counts towards the sniffing limit.
      head = (head + text).replace(/^[\s\uFEFF]+/, '');
      decide(false);
    },
    end() {
      if (!framer && !unknown) decide(true);
      framer?.end();
    },
  };
}
