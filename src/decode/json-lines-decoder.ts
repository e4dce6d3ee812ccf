import { createLineSplitter } from './line-splitter';

/** Splits a JSON-lines body into the text of its values, one a line. */
export interface JsonLinesDecoder {
  feed(text: string): void;
  /** The stream is over: a last line without its line end still counts. */
  end(): void;
}

const DATA_PREFIX = 'data:';

/**
 * JSON lines as video apps stream them (Grok's `conversations/new`): one JSON value a line,
 * some proxies and older builds putting each behind an SSE `data:` field. Blank lines are
 * skipped; each other line goes to `onValue` as it ends, its `data:` prefix taken off, for the
 * caller to parse (and to say so when it is not JSON). A line longer than `maxLine` characters
 * is dropped and `onOversized` is called, so a body without line ends holds no unbounded buffer.
 */
export function createJsonLinesDecoder(onValue: (text: string) => void, onOversized: () => void, maxLine: number): JsonLinesDecoder {
  return createLineSplitter(
    (line) => {
      const value = line.startsWith(DATA_PREFIX) ? line.slice(DATA_PREFIX.length) : line;
      if (value.trim() !== '') onValue(value);
    },
    onOversized,
    maxLine,
  );
}
