/** What one decoded message of a stream says about the answer. */
export interface DialectRead {
  /** Answer text to append. */
  text?: string;
  /** Model name the server reported. */
  model?: string;
  /** The server said the answer is complete (it may still send a usage chunk after). */
  finished?: boolean;
}

/**
 * A wire format of chat answers. `read` gets one parsed JSON message (an SSE event's data,
 * an NDJSON line or a whole JSON body) and returns undefined when the message is not of
 * this dialect, so the first dialect that understands a stream keeps it.
 */
export interface Dialect {
  name: string;
  read(message: unknown): DialectRead | undefined;
}
