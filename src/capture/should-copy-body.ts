/** A JSON answer bigger than this is a download, not a chat message: it is not copied. */
export const MAX_JSON_COPY = 16 * 1024 * 1024;

/** Paths of endpoints that answer chats or report video tasks. */
const CHAT_PATH = /chat|complet|message|convers|generat|respons|stream|video|task/i;

/**
 * Whether a response can carry a chat answer and so is worth a copy. Event streams always;
 * JSON, NDJSON and plain text only from chat-like endpoints and of chat-like size. Media,
 * HTML, scripts and downloads are never copied, so they cost the page nothing.
 */
export function shouldCopyBody(contentType: string, url: string, contentLength: number): boolean {
  const type = contentType.toLowerCase();
  if (type.startsWith('text/event-stream')) return true;
  if (!type.includes('json') && !type.startsWith('text/plain')) return false;
  if (contentLength > MAX_JSON_COPY) return false;
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split(/[?#]/, 1)[0] ?? '';
  return CHAT_PATH.test(path);
}
