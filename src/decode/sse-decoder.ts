import { createParser, type ParseError } from 'eventsource-parser';

/** One server-sent event: its `event:` name (if any) and its joined `data:` lines. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Something about the stream the user or a developer should know; never thrown. */
export interface DecodeIssue {
  type: 'unknown-field' | 'invalid-retry' | 'max-buffer-size-exceeded' | 'pretty-printed';
  message: string;
}

/**
 * Reads whole `data:` events from raw SSE text starting at `from` (the start of an event), when
 * it can read them exactly without the parser; returns where it stopped (`from`: none). It
 * delivers what it read itself. See readOpenAiSseRun (issue 14: the bytes are scanned once).
 */
export type SseRunReader = (text: string, from: number) => number;

export interface SseDecoder {
  feed(text: string): void;
  /** The stream is over: dispatch an event left without its closing blank line. */
  end(): void;
}

/** Largest event or line the decoder holds; a bigger one is dropped with an issue. */
export const MAX_SSE_BUFFER = 8 * 1024 * 1024;
/** Raw text kept while it is still unclear whether the stream is wire SSE or pretty-printed. */
const SNIFF_LIMIT = 256 * 1024;

/**
 * Server-sent events decoder over `eventsource-parser`, lenient where saved logs differ
 * from the wire: when a stream's `data: {` lines are followed by bare JSON lines and no
 * blank lines (a pretty-printed log, like the seed's `.pretty.txt`), it re-reads the
 * stream in "pretty" mode, where every `data:` line starts an event and other lines
 * continue it. Either way the issue is reported once, so no input is silently mis-read.
 */
export function createSseDecoder(
  onEvent: (event: SseEvent) => void,
  onIssue: (issue: DecodeIssue) => void,
  readRun?: SseRunReader,
): SseDecoder {
  let sniffed: string | undefined = '';
  /** Everything fed to the parser so far ends with a blank line: it holds no partial event. */
  let clean = false;
  let lastChar = 0;
  let dispatched = false;
  let pretty: PrettyDecoder | undefined;
  const reported = new Set<string>();

  const report = (issue: DecodeIssue): void => {
    if (reported.has(issue.type)) return;
    reported.add(issue.type);
    onIssue(issue);
  };

  const parser = createParser({
    maxBufferSize: MAX_SSE_BUFFER,
    onEvent(message) {
      if (pretty) return;
      dispatched = true;
      sniffed = undefined;
      onEvent(message.event === undefined ? { data: message.data } : { event: message.event, data: message.data });
    },
    onError(error: ParseError) {
      if (pretty) return;
      if (error.type === 'unknown-field' && !dispatched && sniffed !== undefined) {
        switchToPretty();
        return;
      }
      report({ type: error.type, message: error.message });
      if (error.type === 'max-buffer-size-exceeded') parser.reset();
    },
  });

  function switchToPretty(): void {
    if (pretty) return;
    report({ type: 'pretty-printed', message: 'stream has JSON continuation lines: read as a pretty-printed log' });
    pretty = createPrettyDecoder(onEvent, () =>
      report({ type: 'max-buffer-size-exceeded', message: `a line longer than ${MAX_SSE_BUFFER} characters was dropped` }),
    );
    const replay = sniffed ?? '';
    sniffed = undefined;
    pretty.feed(replay);
  }

  const feedParser = (text: string): void => {
    if (text === '') return;
    parser.feed(text);
    const last = text.charCodeAt(text.length - 1);
    // `\n\n` ends a line and then an empty one: the parser has just dispatched and holds nothing.
    clean = last === 0x0a && (text.length > 1 ? text.charCodeAt(text.length - 2) : lastChar) === 0x0a;
    lastChar = last;
  };

  /** After the first event: whole events the reader knows go to it, the rest to the parser. */
  const feedEvents = (text: string): void => {
    if (!readRun) {
      feedParser(text);
      return;
    }
    let at = 0;
    if (!clean) {
      // The event in progress is the parser's to finish.
      // Its blank line may be this text's first character, or its first `\n\n`.
      const split = lastChar === 0x0a && text.charCodeAt(0) === 0x0a;
      const found = split ? 0 : text.indexOf('\n\n');
      const cut = split ? 1 : found < 0 ? -1 : found + 2;
      if (cut < 0) {
        feedParser(text);
        return;
      }
      feedParser(text.slice(0, cut));
      at = cut;
    }
    for (;;) {
      const end = readRun(text, at);
      if (end === at) break;
      at = end;
      clean = true;
      lastChar = 0x0a;
      if (at >= text.length) return;
      // One event the reader does not take (a first or last chunk, a usage chunk), then try again.
      const found = text.indexOf('\n\n', at);
      if (found < 0) break;
      feedParser(text.slice(at, found + 2));
      at = found + 2;
    }
    feedParser(text.slice(at));
  };

  let first = true;
  return {
    feed(chunk) {
      // The SSE spec drops one leading byte order mark; eventsource-parser leaves it to us.
      const text = first && chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk;
      if (chunk !== '') first = false;
      if (pretty) {
        pretty.feed(text);
        return;
      }
      if (sniffed !== undefined) {
        sniffed += text;
        if (sniffed.length > SNIFF_LIMIT) sniffed = undefined;
      }
      if (sniffed === undefined || dispatched) {
        feedEvents(text);
        return;
      }
      // Until the first event the parser may switch us to pretty mode; the sniffed copy already
      // holds this text, so feed line by line and stop at once. Feeding a whole pretty log at
      // once would make the parser report (and build an error for) each of its lines.
      let start = 0;
      while (start < text.length && !pretty) {
        if (dispatched) {
          feedEvents(text.slice(start));
          return;
        }
        const newline = text.indexOf('\n', start);
        const end = newline < 0 ? text.length : newline + 1;
        feedParser(text.slice(start, end));
        start = end;
      }
    },
    end() {
      if (pretty) {
        pretty.end();
        return;
      }
      // A last event without its blank line still counts (streams cut right after `[DONE]`).
      feedParser('\n\n');
      parser.reset();
    },
  };
}

interface PrettyDecoder {
  feed(text: string): void;
  end(): void;
}

/** Line reader for pretty-printed logs: `data:` opens an event, other lines continue it. */
function createPrettyDecoder(onEvent: (event: SseEvent) => void, onOverflow: () => void): PrettyDecoder {
  let partial = '';
  let current: string[] | undefined;
  let eventName: string | undefined;

  const flush = (): void => {
    if (!current) return;
    // `[DONE\n]` in saved logs: a broken terminator split over lines.
    let data = current.join('\n');
    if (data.replace(/\s+/g, '') === '[DONE]') data = '[DONE]';
    onEvent(eventName === undefined ? { data } : { event: eventName, data });
    current = undefined;
    eventName = undefined;
  };

  const line = (raw: string): void => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.startsWith('data:')) {
      flush();
      current = [text.slice(text.startsWith('data: ') ? 6 : 5)];
    } else if (text.startsWith('event:')) {
      flush();
      eventName = text.slice(6).trim();
    } else if (text === '') {
      flush();
    } else if (current && !text.startsWith(':')) {
      current.push(text);
    }
  };

  return {
    feed(text) {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const item of lines) line(item);
      if (partial.length > MAX_SSE_BUFFER) {
        partial = '';
        onOverflow();
      }
    },
    end() {
      if (partial) line(partial);
      partial = '';
      flush();
    },
  };
}
