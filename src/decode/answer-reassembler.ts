import { sniffBodyFormat, type BodyFormat } from './body-format';
import { DIALECTS, type Dialect, type DialectMessage, type DialectRead, type DialectReader } from './dialects';
import { createJsonSequenceDecoder } from './json-sequence-decoder';
import { cannotBeJson } from './json-text';
import { createLineSplitter } from './line-splitter';
import { createSseDecoderFor, type DecodeIssue, type SseEvent, type SseSink } from './sse-decoder';

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
    | 'stream-broke'
    /** Reading the stream went over its budget of time or lines (src/background/stream-budget.ts): dropped. */
    | 'too-slow';
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
  return new StreamAnswerReassembler(format, callbacks, dialects);
}

/**
 * A class rather than closures per stream, so the optimized code of its methods outlives each
 * stream (docs/benchmarks.md; see the SSE decoder). It is the SSE decoder's sink itself.
 */
class StreamAnswerReassembler implements AnswerReassembler, SseSink {
  private dialect: DialectReader | undefined;
  /** The dialect whose reader `dialect` is. */
  private claimedBy: Dialect | undefined;
  private candidates: DialectReader[] | undefined;
  private lastModel: string | undefined;
  private finished = false;
  private readonly reported = new Set<string>();
  private readonly framer: Framer;

  constructor(
    format: BodyFormat,
    private readonly callbacks: AnswerCallbacks,
    private readonly dialects: readonly Dialect[],
  ) {
    this.framer =
      format === 'sniff' || format === 'sniff-text'
        ? createSniffingFramer(
            (framing) => this.framerFor(framing),
            (type, message) => this.issue(type, message),
            format === 'sniff-text',
          )
        : this.framerFor(format);
  }

  feed(text: string): void {
    this.framer.feed(text);
  }

  end(complete = false): void {
    this.framer.end();
    // After a server error the answer broke, whatever the transport says.
    if (complete && this.claimedBy?.endsWithBody && !this.reported.has('server-error')) this.markFinished();
  }

  // ---- SseSink ----

  onEvent(event: SseEvent): void {
    if (event.event === 'error') {
      this.issue('server-error', `the server sent an error event: ${event.data.slice(0, 200)}`);
      return;
    }
    this.readJsonText(event.data, event.event);
  }

  onIssue(decodeIssue: DecodeIssue): void {
    this.issue(decodeIssue.type, decodeIssue.message);
  }

  readRun(text: string, from: number): number {
    const run = this.dialect?.readSseRun?.(text, from);
    if (!run) return from;
    this.apply(run.read);
    return run.end;
  }

  // ----

  private issue(type: StreamIssue['type'], message: string): void {
    if (this.reported.has(type)) return;
    this.reported.add(type);
    this.callbacks.onIssue({ type, message });
  }

  private readMessage(message: DialectMessage): void {
    const candidates = (this.candidates ??= this.dialects.map((item) => item.create()));
    for (const candidate of this.dialect ? [this.dialect] : candidates) {
      const read = candidate.read(message);
      if (!read) continue;
      if (!this.dialect) {
        this.claimedBy = this.dialects[candidates.indexOf(candidate)];
        if (this.claimedBy) this.callbacks.onDialect?.(this.claimedBy.name);
      }
      this.dialect = candidate;
      this.apply(read);
      return;
    }
    this.issue('unknown-dialect', 'a message matched no known dialect and was skipped');
  }

  private apply(read: DialectRead): void {
    const callbacks = this.callbacks;
    if (read.model && read.model !== this.lastModel) {
      this.lastModel = read.model;
      callbacks.onModel(read.model);
    }
    if (read.answerStart) {
      this.finished = false;
      callbacks.onAnswerStart?.();
    }
    if (read.text) callbacks.onText(read.text);
    if (read.percent !== undefined || read.taskId !== undefined) {
      callbacks.onProgress?.({
        ...(read.percent === undefined ? {} : { percent: read.percent }),
        ...(read.taskId === undefined ? {} : { taskId: read.taskId }),
      });
    }
    if (read.issue) this.issue(read.issue.type, read.issue.message);
    if (read.finished) this.markFinished();
  }

  private markFinished(): void {
    if (this.finished) return;
    this.finished = true;
    this.callbacks.onFinished();
  }

  private parse(text: string): { ok: true; value: unknown } | { ok: false } {
    if (cannotBeJson(text)) {
      this.issue('not-json', `a message was not JSON: ${text.slice(0, 80)}`);
      return { ok: false };
    }
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      this.issue('not-json', `a message was not JSON: ${text.slice(0, 80)}`);
      return { ok: false };
    }
  }

  private readJsonText(text: string, event?: string): void {
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (trimmed === '[DONE]') {
      this.markFinished();
      return;
    }
    // Once the dialect is known it may read its messages without a full parse (docs/benchmarks.md).
    const fast = this.dialect?.readJsonText?.(trimmed);
    if (fast) {
      this.apply(fast);
      return;
    }
    const parsed = this.parse(trimmed);
    if (parsed.ok) this.readMessage(event === undefined ? { json: parsed.value } : { json: parsed.value, event });
  }

  private readDataStreamLine(line: string): void {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    if (colon < 1 || colon > 2) {
      this.issue('not-json', `a data stream line had no part type: ${line.slice(0, 80)}`);
      return;
    }
    const parsed = this.parse(line.slice(colon + 1));
    if (parsed.ok) this.readMessage({ json: parsed.value, event: line.slice(0, colon) });
  }

  private tooLarge(what: string): () => void {
    return () => this.issue('too-large', `${what} larger than ${MAX_JSON_BODY} characters was dropped`);
  }

  private framerFor(framing: Framing): Framer {
    switch (framing) {
      case 'sse':
        return createSseDecoderFor(this);
      case 'ndjson':
        return createLineSplitter((line) => this.readJsonText(line), this.tooLarge('an NDJSON line'), MAX_JSON_BODY);
      case 'data-stream':
        return createLineSplitter((line) => this.readDataStreamLine(line), this.tooLarge('a data stream line'), MAX_JSON_BODY);
      case 'json':
        return createJsonSequenceDecoder((text) => this.readJsonText(text), this.tooLarge('a JSON value'), MAX_JSON_BODY);
      case 'text':
        return {
          feed: (text) => {
            if (text !== '') this.readMessage({ json: undefined, text });
          },
          end: () => undefined,
        };
    }
  }
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
