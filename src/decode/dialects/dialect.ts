/** What one decoded message of a stream says about the answer. */
export interface DialectRead {
  /** Answer text to append. */
  text?: string;
  /** Model name the server reported. */
  model?: string;
  /** The server said the answer is complete (it may still send a usage chunk after). */
  finished?: boolean;
}

/** One message of a stream: parsed JSON (or the raw string when it was not JSON) and its SSE event name. */
export interface DialectMessage {
  /** The parsed JSON value of an SSE event's data, an NDJSON line or a whole JSON body. */
  json: unknown;
  /** The SSE `event:` name, when the stream had one. */
  event?: string;
}

/** Reads the messages of one stream; may keep state between messages (delta encodings). */
export interface DialectReader {
  /** Returns undefined when the message is not of this dialect. */
  read(message: DialectMessage): DialectRead | undefined;
}

/**
 * A wire format of chat answers. The first dialect whose reader understands a message of a
 * stream keeps that stream; `create` is called once per stream (and per candidate).
 */
export interface Dialect {
  name: string;
  create(): DialectReader;
}

/** A dialect whose messages can be read one by one without memory. */
export function statelessDialect(name: string, read: DialectReader['read']): Dialect {
  const reader: DialectReader = { read };
  return { name, create: () => reader };
}
