/** Something a dialect noticed in a message it owns that the user or a developer should know. */
export interface DialectIssue {
  /**
   * `server-error`: the stream itself reports a failure (Anthropic `error`, `response.failed`…);
   * `unsupported-delta`: a delta the dialect cannot apply to the answer (a rewrite of text already passed on);
   * `scan-limit`: a JSON value too deep or too big to be scanned whole.
   */
  type: 'server-error' | 'unsupported-delta' | 'scan-limit';
  message: string;
}

/** What one decoded message of a stream says about the answer. */
export interface DialectRead {
  /** Answer text to append. */
  text?: string;
  /** Model name the server reported. */
  model?: string;
  /** The server said the answer is complete (it may still send a usage chunk after). */
  finished?: boolean;
  /** Reported once per type and stream by the reassembler. */
  issue?: DialectIssue;
  /** A new answer starts here (one socket carries every answer of a chat, one after another). */
  answerStart?: boolean;
  /** Percent done (0–100) of the video being made, where the stream reports it outside the answer text. */
  percent?: number;
  /**
   * An id the stream gives the generation when its answer text names no task (a relay's first
   * chunk id), so progress has an entry to go to before the video link arrives.
   */
  taskId?: string;
}

/** One message of a stream: parsed JSON (or the raw string when it was not JSON) and its SSE event name. */
export interface DialectMessage {
  /** The parsed JSON value of an SSE event's data, an NDJSON line, a JSON body or one element of a JSON array stream. */
  json: unknown;
  /**
   * The SSE `event:` name, when the stream had one; for a Vercel AI data stream line
   * (`0:"text"`), its part type code (`0`, `e`, `d`…).
   */
  event?: string;
  /** For the `text` framing (a bare text body), the next piece of the body; `json` is then undefined. */
  text?: string;
}

/** Reads the messages of one stream; may keep state between messages (delta encodings). */
export interface DialectReader {
  /** Returns undefined when the message is not of this dialect. */
  read(message: DialectMessage): DialectRead | undefined;
  /**
   * Optional fast path, once a stream is known to be of this dialect: reads a message from its
   * JSON text without a full `JSON.parse`. It must return exactly what `read` returns for the
   * parsed text, or undefined to have the text parsed and given to `read` (docs/benchmarks.md).
   */
  readJsonText?(text: string): DialectRead | undefined;
  /**
   * Optional fast path over raw SSE text: reads the whole `data:` events at `from` that it can
   * read exactly, returns where it stopped and their reads merged (texts joined), or undefined.
   */
  readSseRun?(text: string, from: number): { end: number; read: DialectRead } | undefined;
}

/**
 * A wire format of chat answers. The first dialect whose reader understands a message of a
 * stream keeps that stream; `create` is called once per stream (and per candidate).
 */
export interface Dialect {
  /** Kebab-case; names the dialect's fixture and test files too (`test/unit/decode/dialects/<name>.test.ts`). */
  name: string;
  create(): DialectReader;
  /**
   * The dialect this one refines: it reads a narrower kind of that dialect's streams for more
   * (progress, say), is registered before it, and without it those streams fall back to it.
   */
  refines?: string;
  /**
   * The stream has no end marker of its own, or not always: a body that arrived whole is the
   * end of the answer (a bare text body; chatgpt-web without the raw chunk's finish reason).
   */
  endsWithBody?: boolean;
}

/** A dialect whose messages can be read one by one without memory. */
export function statelessDialect(
  name: string,
  read: DialectReader['read'],
  fastPaths: Pick<DialectReader, 'readJsonText' | 'readSseRun'> = {},
): Dialect {
  const reader: DialectReader = { ...fastPaths, read };
  return { name, create: () => reader };
}

/**
 * A read of the usual kind (model, text, end), made as one object literal; an empty or absent
 * text, model or end is left undefined. Why a literal (docs/benchmarks.md): the shape of a literal lives as long as the code
 * that makes it, while a read grown property by property gets a shape that dies with the last read
 * that had it, and with it the optimized code that knew that shape, so after a garbage collection
 * each stream ran the hot path unoptimized until V8 optimized it again.
 */
export function chunkRead(model: string | undefined, text: string | undefined, finished: boolean): DialectRead {
  return { model: model || undefined, text: text || undefined, finished: finished || undefined };
}

/** Whether a parsed JSON value is an object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The trimmed string, when `value` is a non-blank string (servers send `" "` for "no model"). */
export function nonBlank(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
