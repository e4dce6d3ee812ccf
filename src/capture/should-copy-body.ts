/** A JSON answer bigger than this is a download, not a chat message: it is not copied. */
export const MAX_JSON_COPY = 16 * 1024 * 1024;

/**
 * Paths of endpoints that answer chats or report video tasks: chat answers, task creation and
 * polls, and the lists video apps keep of a user's own generations (drafts, history, assets,
 * creations, pending tasks, jobs, Grok's media posts, Midjourney's `imagine` list; see
 * src/sites/extractors/, whose meta-test checks every fixture passes here).
 */
const CHAT_PATH = /chat|complet|message|convers|generat|respons|stream|video|task|create|draft|history|asset|pending|creation|project_y|job|imagine|media\/post/i;
/**
 * The last path segment of a chat endpoint that answers `application/octet-stream`
 * (chatgpt-web's `/api/chat-process`). Octet-stream is what downloads are served as, so it is
 * copied only from a chat endpoint itself, never from a file under one (`/chat/file`) nor
 * from a path that names files or media anywhere.
 */
const OCTET_CHAT_ENDPOINT = /\/[\w-]*(chat|complet|convers)[\w-]*\/*$/i;
const OCTET_NOT_CHAT = /file|download|export|attach|upload|media|image|video|audio|asset|blob/i;

/**
 * Whether a response can carry a chat answer and so is worth a copy. Event streams always;
 * JSON, NDJSON and plain text only from chat-like endpoints and of chat-like size;
 * octet-stream only from a chat endpoint itself. Media, HTML, scripts and downloads are never
 * copied, so they cost the page nothing.
 */
export function shouldCopyBody(contentType: string, url: string, contentLength: number): boolean {
  // `contentLength`: -1 or NaN when unknown (a missing or odd header); both compare false below.
  const type = contentType.toLowerCase();
  if (type.startsWith('text/event-stream')) return true;
  if (type.startsWith('application/octet-stream')) {
    const path = pathOf(url);
    return !(contentLength > MAX_JSON_COPY) && OCTET_CHAT_ENDPOINT.test(path) && !OCTET_NOT_CHAT.test(path);
  }
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
