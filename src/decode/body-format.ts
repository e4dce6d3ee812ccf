/**
 * How a response body frames its messages: server-sent events, one JSON value per line, JSON
 * values (a whole body, or an array streamed element by element), the Vercel AI data stream
 * (`0:"text"` lines), `text`: no framing, the body is the answer itself (the AI SDK's text
 * stream), `sniff`: not known from the content type, decided from the body's first
 * characters, or `sniff-text`: the same, and a body that is none of them is `text`.
 */
export type BodyFormat = 'sse' | 'ndjson' | 'json' | 'data-stream' | 'text' | 'sniff' | 'sniff-text';

/** Picks the framing from a `Content-Type` header value (the only header the capture has). */
export function bodyFormatOf(contentType: string): BodyFormat {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/event-stream') return 'sse';
  if (type.includes('ndjson') || type.includes('jsonl') || type === 'application/stream+json') return 'ndjson';
  if (type.includes('json')) return 'json';
  // text/plain is the type of the Vercel AI data stream and of its plain text stream, and
  // proxies label SSE and JSON with it too. Only text/plain falls back to bare text: an HTML
  // page or a binary body is never an answer.
  if (type === 'text/plain') return 'sniff-text';
  // application/octet-stream is chatgpt-web's newline-joined JSON, which sniffs as JSON (the
  // JSON reader also splits the error object it glues on without a line break).
  return 'sniff';
}

const SSE_FIELDS = ['data:', 'event:', 'id:', 'retry:'];
/** A data stream line: a one-character part code, a colon, then JSON (`0:"…"`, `f:{…}`). */
const DATA_STREAM_LINE = /^[0-9a-z]:["{[\d\-tfn]/;
/** What may follow a JSON array's `[`: a value or its end (`[视频](…)` is markdown, not JSON). */
const JSON_ARRAY = /^\[\s*["{[\d\-tfn\]]/;

/**
 * The framing a body's first characters show: `{`, or `[` then a value, is JSON, `0:"`/`f:{` a Vercel AI data
 * stream, `data:`/`event:`/`:` server-sent events. `undecided` while the text seen so far
 * could still be any of them; `unknown` when it is none.
 */
export function sniffBodyFormat(head: string): Exclude<BodyFormat, 'sniff' | 'sniff-text' | 'text'> | 'undecided' | 'unknown' {
  const text = head.replace(/^[\s\uFEFF]+/, '');
  if (text === '') return 'undecided';
  if (text.startsWith('{') || JSON_ARRAY.test(text)) return 'json';
  if (/^\[\s*$/.test(text)) return 'undecided';
  if (DATA_STREAM_LINE.test(text)) return 'data-stream';
  if (text.startsWith(':') || SSE_FIELDS.some((field) => text.startsWith(field))) return 'sse';
  if (/^[0-9a-z]:?$/.test(text)) return 'undecided';
  if (SSE_FIELDS.some((field) => field.startsWith(text))) return 'undecided';
  return 'unknown';
}
