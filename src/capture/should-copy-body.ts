/** A JSON answer bigger than this is a download, not a chat message: it is not copied. */
export const MAX_JSON_COPY = 16 * 1024 * 1024;

/**
 * Paths of endpoints that answer chats or report video tasks: chat answers, task creation and
 * polls, and the lists video apps keep of a user's own generations (drafts, history, assets,
 * creations, pending tasks; see src/sites/extractors/, whose meta-test checks every fixture
 * passes here).
 */
const CHAT_PATH = /chat|complet|message|convers|generat|respons|stream|video|task|create|draft|history|asset|pending|creation|project_y/i;

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
  return CHAT_PATH.test(pathOf(url));
}

/**
 * Whether a WebSocket can carry chat answers and so its text frames are worth a copy: a
 * chat-like path, or Socket.IO's (Open WebUI serves it at `/ws/socket.io/`). Dev servers'
 * hot-reload sockets and the like are left alone.
 */
export function shouldCopySocket(url: string): boolean {
  const path = pathOf(url);
  return CHAT_PATH.test(path) || /socket\.io/i.test(path);
}

/** The path of an absolute URL, without query and fragment. */
function pathOf(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split(/[?#]/, 1)[0] ?? '';
}
