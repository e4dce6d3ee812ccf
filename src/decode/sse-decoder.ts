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
): SseDecoder {
  let sniffed: string | undefined = '';
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
        parser.feed(text);
        return;
      }
      // Until the first event the parser may switch us to pretty mode; the sniffed copy already
      // holds this text, so feed line by line and stop at once. Feeding a whole pretty log at
      // once would make the parser report (and build an error for) each of its lines.
      let start = 0;
      while (start < text.length && !pretty) {
        if (dispatched) {
          parser.feed(text.slice(start));
          return;
        }
        const newline = text.indexOf('\n', start);
        const end = newline < 0 ? text.length : newline + 1;
        parser.feed(text.slice(start, end));
        start = end;
      }
    },
    end() {
      if (pretty) {
        pretty.end();
        return;
      }
      // A last event without its blank line still counts (streams cut right after `[DONE]`).
      parser.feed('\n\n');
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
