/** Splits streamed text into lines (LF or CRLF), holding only the unfinished last line. */
export interface LineSplitter {
  feed(text: string): void;
  /** The stream is over: the last line counts even without its line end. */
  end(): void;
}

/**
 * Line splitter for line-framed bodies (NDJSON, the Vercel AI data stream). A line longer
 * than `maxLine` characters is dropped and `onOversized` is called, so a body without line
 * ends cannot grow the buffer without bound.
 */
export function createLineSplitter(onLine: (line: string) => void, onOversized: () => void, maxLine: number): LineSplitter {
  let partial = '';
  let skipping = false;
  const emit = (raw: string): void => onLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
  return {
    feed(text) {
      let start = 0;
      for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
        const piece = text.slice(start, newline);
        start = newline + 1;
        if (skipping) {
          skipping = false;
          partial = '';
          continue;
        }
        const line = partial + piece;
        partial = '';
        emit(line);
      }
      if (skipping) return;
      partial += text.slice(start);
      if (partial.length > maxLine) {
        partial = '';
        skipping = true;
        onOversized();
      }
    },
    end() {
      if (!skipping && partial !== '') emit(partial);
      partial = '';
      skipping = false;
    },
  };
}
