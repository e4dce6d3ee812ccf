import { createLineSplitter } from './line-splitter';

/** Splits a `multipart/mixed` body into the bodies of its parts as they close, without parsing them. */
export interface MultipartMixedDecoder {
  feed(text: string): void;
  /** The stream is over: a part left open (no closing delimiter) is handed on as it is. */
  end(): void;
}

/** RFC 2046 caps a boundary at 70 characters; a longer one is not a boundary. */
const MAX_BOUNDARY = 70;

/**
 * The boundary a `multipart/…` content type names (`boundary="-"` or `boundary=abc`), or
 * undefined. Read by index, not by a pattern, so an odd header costs linear time.
 */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const lower = contentType.toLowerCase();
  const at = lower.indexOf('boundary=');
  if (at < 0) return undefined;
  let value = contentType.slice(at + 'boundary='.length);
  const quoted = value.startsWith('"');
  if (quoted) {
    const close = value.indexOf('"', 1);
    value = close < 0 ? value.slice(1) : value.slice(1, close);
  } else {
    const semicolon = value.indexOf(';');
    value = (semicolon < 0 ? value : value.slice(0, semicolon)).trim();
  }
  return value !== '' && value.length <= MAX_BOUNDARY ? value : undefined;
}

/**
 * Streaming reader of `multipart/mixed` (GraphQL incremental delivery, as Meta AI's
 * `/api/graphql` answers): each part is a few header lines, a blank line and a body; the
 * parts are separated by `--<boundary>` lines and the last one is closed by `--<boundary>--`.
 * The boundary comes from the content type, else from the body's first line (`--<boundary>`).
 * A body that opens with no delimiter at all is one part (the server answered plain JSON).
 * Line by line, so the text is read once whatever the chunks' boundaries; each part's body
 * goes to `onPart` when its delimiter arrives; a part longer than `maxPart` characters is
 * skipped and `onOversized` is called instead. Preamble and epilogue are ignored.
 */
export function createMultipartMixedDecoder(
  contentType: string | undefined,
  onPart: (body: string) => void,
  onOversized: () => void,
  maxPart: number,
): MultipartMixedDecoder {
  let boundary = boundaryOf(contentType);
  /** `start`: before the first line of the body; `preamble`: before the first delimiter. */
  let state: 'start' | 'preamble' | 'headers' | 'body' | 'whole' | 'done' = 'start';
  let lines: string[] = [];
  let size = 0;
  let oversized = false;

  const flush = (): void => {
    if (state === 'body' || state === 'whole') {
      const body = lines.join('\n');
      if (oversized) onOversized();
      else if (body.trim() !== '') onPart(body);
    }
    lines = [];
    size = 0;
    oversized = false;
  };

  const keep = (line: string): void => {
    if (oversized) return;
    size += line.length + 1;
    if (size > maxPart) {
      oversized = true;
      lines = [];
      return;
    }
    lines.push(line);
  };

  /** `open` for `--boundary`, `close` for `--boundary--`, else undefined (transport padding allowed). */
  const delimiter = (line: string): 'open' | 'close' | undefined => {
    if (boundary === undefined || !line.startsWith('--')) return undefined;
    const rest = line.trimEnd();
    if (rest === `--${boundary}`) return 'open';
    if (rest === `--${boundary}--`) return 'close';
    return undefined;
  };

  const onLine = (line: string): void => {
    if (state === 'done') return;
    if (state === 'start') {
      if (line.trim() === '') return;
      if (boundary === undefined && line.startsWith('--')) {
        const candidate = line.trimEnd().slice(2);
        if (candidate !== '' && candidate.length <= MAX_BOUNDARY) boundary = candidate;
      }
      if (delimiter(line) === undefined) {
        // No delimiter first: with a boundary, this is the preamble; without one, plain JSON.
        state = boundary === undefined ? 'whole' : 'preamble';
        if (state === 'whole') keep(line);
        return;
      }
    }
    if (state === 'whole') {
      keep(line);
      return;
    }
    const mark = delimiter(line);
    if (mark !== undefined) {
      flush();
      state = mark === 'open' ? 'headers' : 'done';
      return;
    }
    if (state === 'preamble') return;
    if (state === 'headers') {
      if (line.trim() === '') {
        state = 'body';
        return;
      }
      // A part without headers opens straight with its JSON body.
      if (!line.startsWith('{') && !line.startsWith('[')) return;
      state = 'body';
    }
    keep(line);
  };

  // Lines longer than a part are dropped by the splitter; the part is then oversized.
  const splitter = createLineSplitter(onLine, () => {
    oversized = true;
    lines = [];
  }, maxPart);

  return {
    feed(text) {
      if (state !== 'done') splitter.feed(text);
    },
    end() {
      splitter.end();
      flush();
      state = 'done';
    },
  };
}
