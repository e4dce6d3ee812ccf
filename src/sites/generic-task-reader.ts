import { parseHttpUrl } from '../extract/http-url';
import { hostIsOrUnder, type SiteRequest, type SiteTask, type SiteVideo } from './extractors/site-extractor';

/** What the generic reader knows of the app beyond the JSON: where its videos are served from. */
export interface GenericReaderContext {
  mediaHosts: readonly string[];
}

/**
 * Bounds that keep the reader linear and short on any input: the page is hostile, and a site
 * that changed may send anything. Past them the rest of the message is left unread.
 */
const MAX_DEPTH = 40;
const MAX_NODES = 60_000;
/** Characters of JSON text nested in string fields parsed per message, all told. */
const MAX_NESTED_JSON = 512 * 1024;
const MAX_TASKS = 100;
const MAX_KEY = 64;
const MAX_INPUTS = 8;
/** Object levels a video climbs to find the object that describes it, and its task's id and status. */
const MAX_CLIMB = 4;

/** One JSON object met on the walk, with where it sits. */
interface Node {
  value: Record<string, unknown>;
  parent: Node | undefined;
  /** The key it (or the list holding it) sits under in `parent`. */
  key: string;
  /** It is an item of a list with more than one item: climbing past it leaves its own scope. */
  listItem: boolean;
  /** Under an input-like name: nothing below is ever the video or the cover. */
  input: boolean;
  /** Under an avatar, icon, logo, model… name: never the video or the cover, nor an input image. */
  decoy: boolean;
  /** The first prompt-like text in its subtree, and the first input images. */
  prompt?: string;
  inputs: string[];
}

interface FoundUrl {
  url: string;
  node: Node;
  /** The key that holds it (for the ranking of renditions). */
  key: string;
}

/** Keys repeat in every item of a list: their words are split once (a bounded memo, so still pure). */
const wordsOf = new Map<string, string[]>();

/** Words of a key, from `videoURL`, `video_url`, `cover-image`… */
function words(key: string): string[] {
  const known = wordsOf.get(key);
  if (known) return known;
  const list = key
    .slice(0, MAX_KEY)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  if (wordsOf.size >= 4096) wordsOf.clear();
  wordsOf.set(key, list);
  return list;
}

const INPUT_WORDS = new Set(['input', 'inputs', 'reference', 'references', 'ref', 'refs', 'source', 'sources', 'upload', 'uploads', 'uploaded', 'init', 'prompt']);
/** Pictures beside a task that are neither its output nor the user's input. */
const DECOY_WORDS = new Set(['avatar', 'avatars', 'icon', 'icons', 'logo', 'logos', 'model', 'models', 'author', 'creator', 'owner']);
/**
 * `start_frame`, `end_frame_image`, `tail_image`…: frames and images the user gave. A response's
 * `first_frame` is the video's own first frame (a cover); the request's is an input, and every
 * URL the request sent is one anyway.
 */
const FRAME_EDGE = new Set(['start', 'end', 'last', 'tail', 'head']);
const FRAME_WORD = new Set(['frame', 'image', 'img']);
const COVER_WORDS = new Set(['cover', 'covers', 'poster', 'posters', 'thumbnail', 'thumbnails', 'thumb', 'thumbs', 'snapshot']);
const VIDEO_WORDS = new Set(['video', 'videos', 'play', 'playback', 'mp4', 'media', 'download', 'downloads', 'nomark', 'clip']);
const IMAGE_WORDS = new Set(['image', 'images', 'img', 'pic', 'picture', 'photo', 'banner', 'background', 'bg']);
const VIDEO_EXTENSION = /\.(mp4|webm|mov|m4v|mkv|ogv)$/;
const IMAGE_EXTENSION = /\.(jpe?g|png|webp|gif|avif|bmp|heic|svg)$/;

function isDecoyKey(list: string[]): boolean {
  return list.some((word) => DECOY_WORDS.has(word));
}

function isInputKey(list: string[]): boolean {
  if (list.some((word) => INPUT_WORDS.has(word))) return true;
  // `originFiles` (Hailuo's uploads), `start_frame`, `firstFrameImage`…
  for (let index = 0; index + 1 < list.length; index += 1) {
    const word = list[index] ?? '';
    const next = list[index + 1] ?? '';
    if (FRAME_EDGE.has(word) && FRAME_WORD.has(next)) return true;
    if (word === 'origin' && next.startsWith('file')) return true;
  }
  return false;
}

/** What a key says of the URL under it: a cover, a video, or nothing (cover first: `video_cover`). */
function roleOfKey(key: string): 'cover' | 'video' | undefined {
  const list = words(key);
  const frame = list.includes('first') && list.includes('frame');
  if (frame || list.some((word) => COVER_WORDS.has(word)) || (list.includes('preview') && list.some((word) => IMAGE_WORDS.has(word)))) return 'cover';
  if (list.some((word) => VIDEO_WORDS.has(word))) return 'video';
  return undefined;
}

/** Rank of a rendition: the one without a watermark, the original, first; previews and gifs last. */
function renditionRank(key: string, parentKey: string, url: string): number {
  const list = [...words(key), ...words(parentKey)];
  const path = url.toLowerCase();
  let rank = 0;
  const unmarked = list.includes('without') || list.includes('no');
  if (list.some((word) => ['nomark', 'nowm', 'origin', 'original', 'hd', 'raw'].includes(word)) || unmarked || /nowm|nomark|no_watermark/.test(path)) rank += 2;
  if ((!unmarked && list.some((word) => ['watermark', 'wm'].includes(word))) || list.some((word) => ['preview', 'low', 'small', 'gif', 'md', 'compressed'].includes(word)) || /[_-]wm([._%/-]|$)/.test(path)) rank -= 2;
  if (list.some((word) => word.startsWith('download'))) rank += 1;
  return rank;
}

/** What a key's name says of the id under it: lower is a better task id; undefined for no id. */
function idRank(key: string): number | undefined {
  const list = words(key);
  if (list.length === 0 || (list.at(-1) !== 'id' && list.at(-1) !== 'ids')) return undefined;
  if (list.length === 1) return 4;
  const head = list.slice(0, -1);
  if (head.includes('task')) return 1;
  if (head.some((word) => ['history', 'record', 'generation', 'gen', 'job', 'submit', 'creation', 'draft', 'chat'].includes(word))) return 2;
  if (head.some((word) => ['video', 'work', 'item', 'asset'].includes(word))) return 3;
  return undefined;
}

function idValue(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed !== '' && trimmed.length <= 200 ? trimmed : undefined;
}

function promptValue(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !/prompt/i.test(key) || value.trim() === '') return undefined;
  const list = words(key);
  if (!(list.includes('prompt') || list.includes('prompts')) || list.includes('negative')) return undefined;
  return value.trim();
}

/** A task status by the site's words (`success`, `processing`, `failed`…); numbers say nothing. */
function statusWord(value: unknown): SiteTask['status'] | 'ok' | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const word = value.toLowerCase();
  if (/fail|error|reject|refus|ban|violat|cancel|timeout|expire|abort|block|moderat/.test(word)) return 'failed';
  if (/success|succeed|done|complete|finish|ready/.test(word)) return 'ok';
  if (/queue|pending|wait|running|process|generat|progress|submit|creat|start|schedul|render/.test(word)) return 'generating';
  return undefined;
}

function isStatusKey(key: string): boolean {
  const list = words(key);
  return list.includes('status') || list.includes('state') || list.includes('phase');
}

function isPercentKey(key: string): boolean {
  const list = words(key);
  return list.includes('progress') || list.includes('percent') || list.includes('percentage');
}

function isFailureKey(key: string): boolean {
  const list = words(key);
  return (list.includes('fail') || list.includes('failure') || list.includes('error') || list.includes('reason')) && !list.includes('code');
}

/**
 * Reads the tasks of a video app's JSON whose shape no extractor knows (an endpoint that moved,
 * fields renamed or re-nested): it walks the JSON once and keeps the objects that describe one
 * output video, an http(s) URL that is a video by its extension, by its field's name (video,
 * play, mp4, media, download…) or by its host (one of the app's `mediaHosts`). The cover comes
 * from the same object or its parent (cover, poster, thumbnail, preview image); the task id from
 * id-like fields, nearest first; status and percent where the names say so; the prompt from
 * prompt-like fields, else the request's body. Nothing under an input-like name (input,
 * reference, source, upload, init, start/end/first/last frame, avatar, icon, logo, model…) and
 * no URL the request sent is ever the video or the cover. Tasks without a video are reported
 * only where an id and a status word say so. Pure, linear in the size of the JSON, bounded in
 * depth, nodes and nested JSON.
 */
export function readGenericTasks(json: unknown, request: SiteRequest, context: GenericReaderContext): SiteTask[] {
  const requested = new Set<string>();
  const requestBody = parseBody(request.body);
  const requestWalk = walk(requestBody, () => {}, requested);
  const videos: FoundUrl[] = [];
  const covers: FoundUrl[] = [];
  const statusNodes: Node[] = [];
  const root = walk(
    json,
    (found, role) => {
      if (requested.has(found.url)) return;
      (role === 'video' ? videos : covers).push(found);
    },
    new Set(),
    (node) => statusNodes.push(node),
    context.mediaHosts,
  );
  // An input image anywhere is never the video or a cover; a video file under an input-like name
  // (Sora's `encodings.source`) may still be the output where another name says so.
  const inputs = new Set([...requested, ...(root?.allInputs ?? []).filter((url) => !VIDEO_EXTENSION.test(new URL(url).pathname.toLowerCase()))]);

  // Each video to the object that describes it: a small wrapper (`{url, width}` under `video`)
  // climbs to its holder, a list item stays itself (one item, one video).
  const groups = new Map<Node, FoundUrl[]>();
  for (const found of videos) {
    if (inputs.has(found.url)) continue;
    let node = found.node;
    for (let climb = 0; climb < MAX_CLIMB && !node.listItem && node.parent && !anchors(node.value); climb += 1) node = node.parent;
    const group = groups.get(node);
    if (group) {
      if (!group.some((item) => item.url === found.url)) group.push(found);
    } else if (groups.size < MAX_TASKS) groups.set(node, [found]);
  }
  const coverOf = nearestCovers(covers, inputs);

  const tasks = new Map<string, SiteTask>();
  const requestPrompt = requestWalk?.firstPrompt;
  for (const [node, found] of groups) {
    const ranked = [...found].sort((a, b) => renditionRank(b.key, b.node.key, b.url) - renditionRank(a.key, a.node.key, a.url));
    const best = ranked[0];
    if (!best) continue;
    const cover = coverOf.get(node) ?? (node.parent ? coverOf.get(node.parent) : undefined);
    const video: SiteVideo = { url: best.url };
    if (cover && cover !== best.url) video.cover = cover;
    const alternates = ranked.slice(1).map((item) => item.url);
    if (alternates.length > 0) video.alternates = alternates;
    const size = sizeOf(best.node.value) ?? sizeOf(node.value);
    if (size) Object.assign(video, size);
    const taskId = taskIdOf(node) ?? `video-${hash(best.url.split('?')[0] ?? best.url)}`;
    const existing = tasks.get(taskId);
    if (existing) {
      if (!existing.videos.some((item) => item.url === video.url)) existing.videos.push(video);
      continue;
    }
    const prompt = promptOf(node) ?? requestPrompt;
    tasks.set(taskId, {
      taskId,
      status: 'done',
      inputImages: inputsOf(node, requestWalk?.root.inputs ?? []),
      videos: [video],
      ...(prompt ? { prompt } : {}),
    });
  }

  // Tasks the site reports without a video yet: an id and a status word, outside any input.
  for (const node of statusNodes) {
    if (tasks.size >= MAX_TASKS) break;
    const status = statusOfNode(node.value);
    if (status !== 'generating' && status !== 'failed') continue;
    const taskId = ownId(node.value);
    if (!taskId || tasks.has(taskId)) continue;
    const prompt = promptOf(node) ?? requestPrompt;
    const task: SiteTask = { taskId, status, inputImages: inputsOf(node, requestWalk?.root.inputs ?? []), videos: [], ...(prompt ? { prompt } : {}) };
    if (status === 'generating') {
      const percent = percentOf(node.value);
      if (percent !== undefined) task.percent = percent;
    } else {
      const failure = failureOf(node.value);
      if (failure) task.failure = failure;
    }
    tasks.set(taskId, task);
  }
  return [...tasks.values()];
}

/** Whether an object names itself: an id or a status of its own (a map of renditions does not). */
function anchors(value: Record<string, unknown>): boolean {
  for (const key of Object.keys(value).slice(0, 200)) {
    if (idRank(key) !== undefined && idValue(value[key]) !== undefined) return true;
    if (isStatusKey(key)) return true;
  }
  return false;
}

/** Keys of small objects that hold an object's own id (`commonInfo.id`, `task.id`, `meta.id`). */
const ID_HOLDER_WORDS = new Set(['task', 'info', 'common', 'base', 'meta', 'detail', 'attr']);

/** The best-ranked id among an object's own fields (`task_id` before `id`), or of a small object naming it. */
function rankedId(value: Record<string, unknown>): { rank: number; id: string } | undefined {
  let best: { rank: number; id: string } | undefined;
  const keys = Object.keys(value).slice(0, 200);
  for (const key of keys) {
    const rank = idRank(key);
    const id = rank === undefined ? undefined : idValue(value[key]);
    if (id !== undefined && rank !== undefined && (!best || rank < best.rank)) best = { rank, id };
  }
  if (best) return best;
  for (const key of keys) {
    const child = value[key];
    if (typeof child !== 'object' || child === null || Array.isArray(child) || !words(key).some((word) => ID_HOLDER_WORDS.has(word))) continue;
    const inner = rankedId(withoutHolders(child as Record<string, unknown>));
    if (inner) return { rank: words(key).includes('task') ? Math.min(inner.rank, 1) : inner.rank, id: inner.id };
  }
  return undefined;
}

/** An object's own scalar fields only (one level of holders is looked into, no more). */
function withoutHolders(value: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).slice(0, 200)) if (typeof value[key] !== 'object') result[key] = value[key];
  return result;
}

function ownId(value: Record<string, unknown>): string | undefined {
  return rankedId(value)?.id;
}

/**
 * The task id of a video's object: the best-named id on it or above it (a task id before a
 * record's, a video's or a bare `id`), nearest first among equals; past its own list item only
 * a task's or a record's id is taken.
 */
function taskIdOf(node: Node): string | undefined {
  let best: { rank: number; id: string } | undefined;
  let left = false;
  let current: Node | undefined = node;
  for (let climb = 0; current && climb <= MAX_CLIMB; climb += 1) {
    const found = rankedId(current.value);
    if (found && (!best || found.rank < best.rank) && (!left || found.rank <= 2)) best = found;
    if (best?.rank === 1) break;
    if (current.listItem) left = true;
    current = current.parent;
  }
  return best?.id;
}

/** The prompt of a video's (or a task's) object, from it and the objects above it in its own scope. */
function promptOf(node: Node): string | undefined {
  let current: Node | undefined = node;
  for (let climb = 0; current && climb <= MAX_CLIMB; climb += 1) {
    if (current.prompt) return current.prompt.slice(0, 20_000);
    if (current.listItem) return undefined;
    current = current.parent;
  }
  return undefined;
}

function inputsOf(node: Node, requested: string[]): string[] {
  let current: Node | undefined = node;
  for (let climb = 0; current && climb <= MAX_CLIMB; climb += 1) {
    if (current.inputs.length > 0) return current.inputs;
    if (current.listItem) break;
    current = current.parent;
  }
  return requested.slice(0, MAX_INPUTS);
}

function statusOfNode(value: Record<string, unknown>): SiteTask['status'] | 'ok' | undefined {
  for (const key of Object.keys(value).slice(0, 200)) {
    if (isStatusKey(key)) {
      const status = statusWord(value[key]);
      if (status) return status;
    }
  }
  return undefined;
}

function percentOf(value: Record<string, unknown>): number | undefined {
  for (const key of Object.keys(value).slice(0, 200)) {
    const number = value[key];
    if (!isPercentKey(key) || typeof number !== 'number' || !Number.isFinite(number) || number < 0) continue;
    // A fraction (0.42) is a percent of one.
    const percent = number > 0 && number < 1 ? number * 100 : number;
    if (percent <= 100) return Math.round(percent);
  }
  return undefined;
}

function failureOf(value: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(value).slice(0, 200)) {
    const words_ = value[key];
    if ((isFailureKey(key) || key === 'message' || key === 'msg') && typeof words_ === 'string' && words_.trim() !== '') return words_.trim().slice(0, 500);
  }
  return undefined;
}

function sizeOf(value: Record<string, unknown>): Pick<SiteVideo, 'width' | 'height'> | undefined {
  const { width, height } = value;
  return typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0 && width < 1e5 && height < 1e5 ? { width, height } : undefined;
}

/** For each object, the cover nearest inside it, climbing from each cover no further than its own list item. */
function nearestCovers(covers: FoundUrl[], inputs: ReadonlySet<string>): Map<Node, string> {
  const result = new Map<Node, string>();
  for (const found of covers) {
    if (inputs.has(found.url)) continue;
    let current: Node | undefined = found.node;
    for (let climb = 0; current && climb <= MAX_CLIMB; climb += 1) {
      if (!result.has(current)) result.set(current, found.url);
      // A cover in a list item of covers (`coverList[0]`) still belongs to the object above.
      if (current.listItem && roleOfKey(current.key) !== 'cover') break;
      current = current.parent;
    }
  }
  return result;
}

function parseBody(body: string | undefined): unknown {
  if (!body) return undefined;
  const first = body.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** FNV-1a of a string, as 8 hex digits: a stable short name for a video that came without an id. */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value.toString(16).padStart(8, '0');
}

/**
 * One pass over the JSON (and JSON nested in its strings, within a budget), depth-first: every
 * object becomes a Node; every http(s) URL a video or cover candidate, or an input. `onUrl` gets
 * the candidates; `urlsSeen` collects every URL (the request's, to tell inputs). Returns the root
 * and every input URL, or undefined for a value that is no object or list.
 */
function walk(
  json: unknown,
  onUrl: (found: FoundUrl, role: 'video' | 'cover') => void,
  urlsSeen: Set<string>,
  onObject: (node: Node) => void = () => {},
  mediaHosts: readonly string[] = [],
): { root: Node; allInputs: string[]; firstPrompt: string | undefined } | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  let nodes = 0;
  let nested = 0;
  let firstPrompt: string | undefined;
  const allInputs: string[] = [];
  const root: Node = { value: Array.isArray(json) ? {} : (json as Record<string, unknown>), parent: undefined, key: '', listItem: false, input: false, decoy: false, inputs: [] };

  const addInput = (node: Node | undefined, url: string): void => {
    if (allInputs.length < 256) allInputs.push(url);
    // A video file under an input-like name is no input image (see `inputs` in readGenericTasks).
    if (VIDEO_EXTENSION.test(new URL(url).pathname.toLowerCase())) return;
    for (let current = node, climb = 0; current && climb <= MAX_CLIMB; current = current.parent, climb += 1) {
      if (current.inputs.length < MAX_INPUTS && !current.inputs.includes(url)) current.inputs.push(url);
      if (current.listItem) break;
    }
  };

  const visitString = (text: string, key: string, holder: Node, keys: readonly string[], depth: number): void => {
    const first = text.charCodeAt(0);
    // JSON a site nested in a string field (`draft_content`, `extra`…).
    if ((first === 0x7b || first === 0x5b) && nested + text.length <= MAX_NESTED_JSON) {
      nested += text.length;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        return;
      }
      visit(parsed, key, holder, false, holder.input, depth + 1);
      return;
    }
    if (first !== 0x68 && first !== 0x48) return; // not `http…`
    // A link is the whole string: text that holds one among words (a prompt naming its start
    // frame) is no link, whatever the URL parser would make of it.
    if (/\s/.test(text.trim())) return;
    const url = parseHttpUrl(text);
    if (!url) return;
    urlsSeen.add(url);
    const list = words(key);
    if (holder.decoy || isDecoyKey(list)) {
      if (allInputs.length < 256) allInputs.push(url);
      return;
    }
    if (holder.input || isInputKey(list)) {
      addInput(holder, url);
      return;
    }
    const found: FoundUrl = { url, node: holder, key };
    const role = roleOfUrl(url, keys, mediaHosts);
    if (role) onUrl(found, role);
  };

  const visit = (value: unknown, key: string, parent: Node, listItem: boolean, input: boolean, depth: number): void => {
    if (nodes >= MAX_NODES || depth > MAX_DEPTH) return;
    nodes += 1;
    if (typeof value === 'string') {
      visitString(value, key, parent, [key, parent.key, parent.parent?.key ?? ''], depth);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      const items = value as unknown[];
      const many = items.length > 1;
      for (const item of items) {
        if (nodes >= MAX_NODES) return;
        visit(item, key, parent, many, input, depth + 1);
      }
      return;
    }
    const record = value as Record<string, unknown>;
    const keyWords = words(key);
    const node: Node = depth === 0 ? root : { value: record, parent, key, listItem, input: input || isInputKey(keyWords), decoy: parent.decoy || isDecoyKey(keyWords), inputs: [] };
    onObject(node);
    for (const childKey of Object.keys(record)) {
      if (nodes >= MAX_NODES) return;
      const child = record[childKey];
      if (node.prompt === undefined) {
        const prompt = promptValue(childKey, child);
        if (prompt) node.prompt = prompt;
      }
      // `prompts: [{type: "text", content: "…"}]` (Vidu's `input`).
      if ((childKey === 'content' || childKey === 'text') && node.prompt === undefined && typeof child === 'string' && child.trim() !== '' && (record.type ?? 'text') === 'text' && promptValue(key, 'x')) {
        node.prompt = child.trim();
      }
      // `{name: "prompt", value: "…"}` pairs (Kling's `arguments`).
      if (childKey === 'name' && child === 'prompt' && node.prompt === undefined && typeof record.value === 'string' && record.value.trim() !== '') {
        node.prompt = record.value.trim();
      }
      visit(child, childKey, node, false, node.input, depth + 1);
    }
    // The first prompt of an item's subtree is its own; a list's container takes none from its items.
    if (node.prompt !== undefined) {
      firstPrompt ??= node.prompt;
      // An item of a list of prompts gives its prompt to the list's holder; other lists' items keep theirs.
      if (depth > 0 && (!listItem || promptValue(key, 'x')) && parent.prompt === undefined) parent.prompt = node.prompt;
    }
  };

  visit(json, '', root, false, false, 0);
  return { root, allInputs, firstPrompt };
}

/** Whether a URL is a video, a cover, or neither, by its extension, the keys above it and its host. */
function roleOfUrl(url: string, keys: readonly string[], mediaHosts: readonly string[]): 'video' | 'cover' | undefined {
  const parsed = new URL(url);
  const path = parsed.pathname.toLowerCase();
  const mime = parsed.searchParams.get('mime_type') ?? '';
  const image = IMAGE_EXTENSION.test(path) || /^image/.test(mime) || /^\.?(jpe?g|png|webp)$/.test(parsed.searchParams.get('format') ?? '');
  const videoFile = VIDEO_EXTENSION.test(path) || /^video/.test(mime);
  if (path.endsWith('.m3u8') || path.endsWith('.mpd')) return undefined;
  // The nearest key that names a role decides; a picture under a video-like name (`poster.media`)
  // asks the keys above it.
  let named: 'cover' | 'video' | undefined;
  for (const key of keys) {
    named = roleOfKey(key);
    if (named === 'cover' || (named === 'video' && !image)) break;
  }
  if (named === 'cover') return videoFile ? undefined : 'cover';
  if (image) return undefined;
  if (videoFile || named === 'video') return 'video';
  if (mediaHosts.some((host) => hostIsOrUnder(parsed.hostname, host)) && !keys.some((key) => words(key).some((word) => IMAGE_WORDS.has(word)))) return 'video';
  return undefined;
}
