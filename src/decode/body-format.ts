/**
 * How a response body frames its messages: server-sent events, one JSON value per line, JSON
 * values (a whole body, or an array streamed element by element), the Vercel AI data stream
 * (`0:"text"` lines), or `sniff`: not known from the content type, decided from the body's
 * first characters.
 */
export type BodyFormat = 'sse' | 'ndjson' | 'json' | 'data-stream' | 'sniff';

/** Picks the framing from a `Content-Type` header value (the only header the capture has). */
export function bodyFormatOf(contentType: string): BodyFormat {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/event-stream') return 'sse';
  if (type.includes('ndjson') || type.includes('jsonl') || type === 'application/stream+json') return 'ndjson';
  if (type.includes('json')) return 'json';
  // text/plain is the Vercel AI data stream's type, and proxies label SSE and JSON with it too.
  return 'sniff';
}

const SSE_FIELDS = ['data:', 'event:', 'id:', 'retry:'];
/** A data stream line: a one-character part code, a colon, then JSON (`0:"…"`, `f:{…}`). */
const DATA_STREAM_LINE = /^[0-9a-z]:/;

/**
 * The framing a body's first characters show: `{`/`[` is JSON, `0:"`/`f:{` a Vercel AI data
 * stream, `data:`/`event:`/`:` server-sent events. `undecided` while the text seen so far
 * could still be any of them; `unknown` when it is none.
 */
export function sniffBodyFormat(head: string): Exclude<BodyFormat, 'sniff'> | 'undecided' | 'unknown' {
  const text = head.replace(/^[\s\uFEFF]+/, '');
  if (text === '') return 'undecided';
  if (text.startsWith('{') || text.startsWith('[')) return 'json';
  if (DATA_STREAM_LINE.test(text)) return 'data-stream';
  if (text.startsWith(':') || SSE_FIELDS.some((field) => text.startsWith(field))) return 'sse';
  if (text.length === 1 && /^[0-9a-z]$/.test(text)) return 'undecided';
  if (SSE_FIELDS.some((field) => field.startsWith(text))) return 'undecided';
  return 'unknown';
}
