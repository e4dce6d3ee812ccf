import { createParser, type EventSourceMessage, type EventSourceParser, type ParseError } from 'eventsource-parser';

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
 * delivers what it read itself. See readOpenAiSseRun (docs/benchmarks.md: the bytes are scanned once).
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

/** Where a decoder delivers its events: one object, so its calls keep their targets (see createSseDecoderFor). */
export interface SseSink {
  onEvent(event: SseEvent): void;
  onIssue(issue: DecodeIssue): void;
  /** See {@link SseRunReader}. */
  readRun?(text: string, from: number): number;
}

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
  return new StreamSseDecoder(readRun ? { onEvent, onIssue, readRun } : { onEvent, onIssue });
}

/** {@link createSseDecoder} delivering to one object's methods. */
export function createSseDecoderFor(sink: SseSink): SseDecoder {
  return new StreamSseDecoder(sink);
}

/** Characters of an unfinished event held back from the parser for the run reader; longer ones go to the parser. */
const MAX_HELD = 64 * 1024;
const LF = 0x0a;

/**
 * A class, not a closure per stream (docs/benchmarks.md): its methods are made once, so their optimized
 * code outlives a stream. Closures made per stream share their feedback but not their code,
 * which the garbage collector drops with the last stream; every new stream then ran
 * unoptimized until V8 optimized it again.
 */
class StreamSseDecoder implements SseDecoder {
  private sniffed: string | undefined = '';
  /** Everything fed to the parser so far ends with a blank line: it holds no partial event. */
  private clean = false;
  private lastChar = 0;
  private dispatched = false;
  private pretty: PrettyDecoder | undefined;
  private first = true;
  /**
   * The start of an event not yet complete, kept from the parser (which is clean meanwhile) so
   * the run reader can read it whole once the rest arrives: its bytes are then scanned once.
   */
  private held = '';
  private readonly reported = new Set<string>();
  private readonly parser: EventSourceParser;

  constructor(private readonly sink: SseSink) {
    this.parser = createParser({
      maxBufferSize: MAX_SSE_BUFFER,
      onEvent: (message) => this.parsed(message),
      onError: (error) => this.parseError(error),
    });
  }

  feed(chunk: string): void {
    // The SSE spec drops one leading byte order mark; eventsource-parser leaves it to us.
    const text = this.first && chunk.startsWith('\uFEFF') ? chunk.slice(1) : chunk;
    if (chunk !== '') this.first = false;
    if (this.pretty) {
      this.pretty.feed(text);
      return;
    }
    if (this.sniffed !== undefined) {
      this.sniffed += text;
      if (this.sniffed.length > SNIFF_LIMIT) this.sniffed = undefined;
    }
    if (this.sniffed === undefined || this.dispatched) {
      this.feedEvents(text);
      return;
    }
    // Until the first event the parser may switch us to pretty mode; the sniffed copy already
    // holds this text, so feed line by line and stop at once. Feeding a whole pretty log at
    // once would make the parser report (and build an error for) each of its lines.
    let start = 0;
    while (start < text.length && !this.pretty) {
      if (this.dispatched) {
        this.feedEvents(text.slice(start));
        return;
      }
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? text.length : newline + 1;
      this.feedParser(text.slice(start, end));
      start = end;
    }
  }

  end(): void {
    if (this.pretty) {
      this.pretty.end();
      return;
    }
    this.releaseHeld();
    // A last event without its blank line still counts (streams cut right after `[DONE]`).
    this.feedParser('\n\n');
    this.parser.reset();
  }

  private parsed(message: EventSourceMessage): void {
    if (this.pretty) return;
    this.dispatched = true;
    this.sniffed = undefined;
    this.sink.onEvent(message.event === undefined ? { data: message.data } : { event: message.event, data: message.data });
  }

  private parseError(error: ParseError): void {
    if (this.pretty) return;
    if (error.type === 'unknown-field' && !this.dispatched && this.sniffed !== undefined) {
      this.switchToPretty();
      return;
    }
    this.report({ type: error.type, message: error.message });
    if (error.type === 'max-buffer-size-exceeded') this.parser.reset();
  }

  private report(issue: DecodeIssue): void {
    if (this.reported.has(issue.type)) return;
    this.reported.add(issue.type);
    this.sink.onIssue(issue);
  }

  private switchToPretty(): void {
    if (this.pretty) return;
    this.report({ type: 'pretty-printed', message: 'stream has JSON continuation lines: read as a pretty-printed log' });
    this.pretty = createPrettyDecoder(
      (event) => this.sink.onEvent(event),
      () => this.report({ type: 'max-buffer-size-exceeded', message: `a line longer than ${MAX_SSE_BUFFER} characters was dropped` }),
    );
    const replay = this.sniffed ?? '';
    this.sniffed = undefined;
    this.pretty.feed(replay);
  }

  private feedParser(text: string): void {
    if (text === '') return;
    this.parser.feed(text);
    const last = text.charCodeAt(text.length - 1);
    // `\n\n` ends a line and then an empty one: the parser has just dispatched and holds nothing.
    this.clean = last === LF && (text.length > 1 ? text.charCodeAt(text.length - 2) : this.lastChar) === LF;
    this.lastChar = last;
  }

  /** The held start of an event goes to the parser after all (the parser was clean until now). */
  private releaseHeld(): void {
    if (this.held === '') return;
    const held = this.held;
    this.held = '';
    this.feedParser(held);
  }

  /** Reads one whole event with the run reader, or gives (what it left of) it to the parser. */
  private readEvent(event: string): void {
    const end = this.sink.readRun?.(event, 0) ?? 0;
    if (end < event.length) this.feedParser(event.slice(end));
  }

  /** After the first event: whole events the reader knows go to it, the rest to the parser. */
  private feedEvents(text: string): void {
    const sink = this.sink;
    if (!sink.readRun) {
      this.feedParser(text);
      return;
    }
    let at = 0;
    if (this.held !== '' || !this.clean) {
      // The event in progress (held, or the parser's) ends at this text's first blank line:
      // the last one's `\n` then the text's first character, or the text's first `\n\n`.
      const before = this.held === '' ? this.lastChar : this.held.charCodeAt(this.held.length - 1);
      const split = before === LF && text.charCodeAt(0) === LF;
      const found = split ? 0 : text.indexOf('\n\n');
      if (found < 0) {
        if (this.held === '') {
          this.feedParser(text);
        } else {
          this.held += text;
          if (this.held.length > MAX_HELD) this.releaseHeld();
        }
        return;
      }
      const cut = split ? 1 : found + 2;
      if (this.held === '') {
        this.feedParser(text.slice(0, cut));
      } else {
        const event = this.held + text.slice(0, cut);
        this.held = '';
        this.readEvent(event);
      }
      at = cut;
    }
    for (;;) {
      const end = sink.readRun(text, at);
      if (end === at) break;
      at = end;
      this.clean = true;
      this.lastChar = LF;
      if (at >= text.length) return;
      // One event the reader does not take (a first or last chunk, a usage chunk), then try again.
      const found = text.indexOf('\n\n', at);
      if (found < 0) break;
      this.feedParser(text.slice(at, found + 2));
      at = found + 2;
    }
    if (at >= text.length) return;
    if (this.clean && text.length - at <= MAX_HELD && text.indexOf('\n\n', at) < 0) {
      // The stream's last event so far is unfinished: keep it whole for the run reader.
      this.held = text.slice(at);
      return;
    }
    this.feedParser(text.slice(at));
  }
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
