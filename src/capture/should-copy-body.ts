/** A JSON answer bigger than this is a download, not a chat message: it is not copied. */
export const MAX_JSON_COPY = 16 * 1024 * 1024;

/**
 * Paths of endpoints that answer chats or report video tasks: chat answers, task creation and
 * polls, and the lists video apps keep of a user's own generations (drafts, history, assets,
 * creations, pending tasks, projects, jobs, Google's `batchexecute` rpcs, GraphQL, Doubao's
 * `im/chain`, Wan's `imageGen`, Grok's media posts, Midjourney's `imagine` list; see
 * src/sites/extractors/, whose meta-test checks every fixture passes here).
 */
const CHAT_PATH = /chat|complet|message|convers|generat|respons|stream|video|task|create|draft|history|asset|pending|creation|project|batchexecute|graphql|chain|imagegen|job|imagine|media\/post/i;
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
  // `contentLength`: -1 or NaN when unknown (a missing or odd header); both compare false below.
  // Case-insensitive patterns rather than a lower-cased copy: the page world stays small.
  if (/^text\/event-stream/i.test(contentType)) return true;
  if (/^application\/octet-stream/i.test(contentType)) {
    const path = pathOf(url);
    return !(contentLength > MAX_JSON_COPY) && OCTET_CHAT_ENDPOINT.test(path) && !OCTET_NOT_CHAT.test(path);
  }
  if (contentLength > MAX_JSON_COPY) return false;
  const json = /json/i.test(contentType);
  const plain = /^text\/plain/i.test(contentType);
  // multipart/mixed: GraphQL incremental delivery (Meta AI), parts of JSON. Never
  // multipart/x-mixed-replace, the endless frames of a camera stream.
  if ((json || plain || /^multipart\/mixed/i.test(contentType)) && CHAT_PATH.test(pathOf(url))) return true;
  if (!(json || plain || contentType === '') || !onHosts(url, appHosts)) return false;
  return json || 'sniff';
}

/** Whether a URL's host is one of `hosts` or under one. */
function onHosts(url: string, hosts: readonly string[]): boolean {
  const host = (/^\w+:\/\/([^/?#]*@)?([^/?#:]*)/.exec(url)?.[2] ?? '').toLowerCase();
  return hosts.some((apex) => host === apex || host.endsWith(`.${apex}`));
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
