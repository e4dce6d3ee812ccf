/** A JSON answer bigger than this is a download, not a chat message: it is not copied. */
export const MAX_JSON_COPY = 16 * 1024 * 1024;

/**
 * Paths of endpoints that answer chats or report video tasks on any page: chat answers, and the
 * video tasks a chat's model creates and polls. A video app's own calls need no word here: on its
 * pages every JSON response of its hosts is copied (`appHosts` below), whatever the path, as the
 * meta-test of src/sites/extractors/ checks for every fixture.
 */
const CHAT_PATH = /chat|complet|message|convers|generat|respons|stream|video|task|create/i;
/**
 * The last path segment of a chat endpoint that answers `application/octet-stream`
 * (chatgpt-web's `/api/chat-process`). Octet-stream is what downloads are served as, so it is
 * copied only from a chat endpoint itself, never from a file under one (`/chat/file`) nor
 * from a path that names files or media anywhere.
 */
const OCTET_CHAT_ENDPOINT = /\/[\w-]*(chat|complet|convers)[\w-]*\/*$/i;
const OCTET_NOT_CHAT = /file|download|export|attach|upload|media|image|video|audio|asset|blob/i;

/**
 * Whether a response can carry a chat answer or a video task and so is worth a copy. Event
 * streams always; JSON, NDJSON and plain text from chat-like endpoints and of chat-like size;
 * octet-stream only from a chat endpoint itself. On a video app's pages (`appHosts`: its page
 * and API hosts, which the relay tells the page world, src/relay/accept-page-port.ts) every JSON
 * or NDJSON response of those hosts too, whatever its path, so a moved endpoint still reaches
 * the generic task reader; one typed `text/plain` or not at all is `'sniff'`: copied only if its
 * first non-blank byte opens JSON (the hook reads that from its own copy, never the page's).
 * Media, HTML, scripts and downloads are never copied, so they cost the page nothing.
 */
export function shouldCopyBody(contentType: string, url: string, contentLength: number, appHosts: readonly string[] = []): boolean | 'sniff' {
  // `contentLength`: 0 or NaN when unknown (`Number()` of a missing or odd header); both compare
  // false below, so an unknown length never stops a copy here (the channel caps it).
  // Case-insensitive patterns rather than a lower-cased copy: the page world stays small.
  if (/^text\/event-stream/i.test(contentType)) return true;
  const [host, path] = partsOf(url);
  if (/^application\/octet-stream/i.test(contentType)) {
    return !(contentLength > MAX_JSON_COPY) && OCTET_CHAT_ENDPOINT.test(path) && !OCTET_NOT_CHAT.test(path);
  }
  if (contentLength > MAX_JSON_COPY) return false;
  // multipart/mixed: GraphQL incremental delivery (Meta AI), parts of JSON. Never
  // multipart/x-mixed-replace, the endless frames of a camera stream.
  const typed = /json|^multipart\/mixed/i.test(contentType);
  const plain = /^text\/plain/i.test(contentType);
  if ((typed || plain) && CHAT_PATH.test(path)) return true;
  if (!(typed || plain || !contentType) || !appHosts.some((apex) => host === apex || host.endsWith(`.${apex}`))) return false;
  return typed || 'sniff';
}

/**
 * Whether a WebSocket can carry chat answers and so its text frames are worth a copy: a
 * chat-like path, or Socket.IO's (Open WebUI serves it at `/ws/socket.io/`). Dev servers'
 * hot-reload sockets and the like are left alone.
 */
export function shouldCopySocket(url: string): boolean {
  const path = partsOf(url)[1];
  return CHAT_PATH.test(path) || /socket\.io/i.test(path);
}

/**
 * The host (lower case) and the path (no query, no fragment) of an absolute URL; both empty for
 * anything else. One anchored pass: each part stops at the first character that ends it.
 */
function partsOf(url: string): [host: string, path: string] {
  const parts = /^[a-z][\w+.-]*:\/\/(?:[^/?#]*@)?([^/?#:]*)[^/?#]*([^?#]*)/i.exec(url);
  return [parts?.[1]?.toLowerCase() ?? '', parts?.[2] ?? ''];
}
