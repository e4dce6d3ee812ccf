/** Everything an answer says about one URL, besides the URL itself. */
export interface LinkClue {
  /** An absolute http(s) URL (already checked). */
  url: string;
  /** What the link itself says: link text, image alt, `[ref]` name, `<a>` text, `type` attribute. */
  label?: string;
  /** Text just before the link on its line (`视频：`, `"cover_url": "`); weaker than the label. */
  context?: string;
  /** What the syntax says: `<video src>`/`<source type=video/*>`, a `poster`, an `<img>`. */
  hint?: 'video' | 'cover' | 'image';
}

/** What a link in an answer points to, judged from its label, its syntax and its URL. */
export type LinkJudgement =
  /** `unconfirmed`: believed from a label, tag or MIME hint, not from the file name. */
  | { kind: 'video'; unconfirmed: boolean }
  | { kind: 'cover' }
  | { kind: 'other' };

/** What the file name says: a video or image, a page or other document, or nothing (a proxy). */
type FileKind = 'video' | 'image' | 'page' | 'none';

const VIDEO_EXTENSIONS = 'mp4|webm|mov|m4v|mkv|avi|ogv';
const VIDEO_FILE = new RegExp(`\\.(?:${VIDEO_EXTENSIONS})$`, 'i');
/** `.mp4` followed by more name (`clip.mp4.html`, `clip.mp4/view`): a page about a video. */
const VIDEO_NAME_INSIDE = new RegExp(`\\.(?:${VIDEO_EXTENSIONS})(?=[^a-z0-9])`, 'i');
const IMAGE_FILE = /\.(?:jpe?g|png|webp|gif|avif|bmp|heic)$/i;
/** Server scripts say nothing about what they return: treated like a proxy with no extension. */
const SCRIPT_FILE = /\.(?:php|aspx?|ashx|jsp|cgi)$/i;
/** Aliyun OSS, Volcengine TOS, Tencent CI and Qiniu snapshot processing of a video object. */
const SNAPSHOT_QUERY = /(?:x-oss-process|x-tos-process)=video(?:\/|%2F)snapshot|ci-process=snapshot|[?&]vframe\//i;
const ANY_EXTENSION = /\.[a-z0-9]{1,8}$/i;
/** Sites whose links are watch pages, never a file to keep (their media CDNs have other hosts). */
const VIDEO_PAGE_HOST = /(?:^|\.)(?:youtube\.com|youtu\.be|bilibili\.com|b23\.tv|vimeo\.com|douyin\.com|tiktok\.com|ixigua\.com|kuaishou\.com)$/i;

const COVER_WORD = /封面|缩略图|首帧|cover|poster|thumbnail|thumb/i;
const VIDEO_WORD = /视频|影片|下载|播放|video|download/i;
/** Both kinds of word, to find whichever stands nearest the link in free text. */
const ANY_WORD = /(封面|缩略图|首帧|cover|poster|thumbnail|thumb)|(视频|影片|下载|播放|video|download)/gi;
const COVER_PATH = /cover|poster|thumb|封面/i;

/**
 * Classifies a link. A video is a video file, or (`unconfirmed`) a link with no telling file
 * name that a label, `<video>` tag or MIME parameter calls a video; a cover is a `poster`, an
 * image or proxy labelled or named as a cover. Pages (`how-to.mp4.html`, watch pages) and
 * documents are never either, whatever their label says.
 */
export function judgeLink(clue: LinkClue): LinkJudgement {
  const file = fileKind(clue.url);
  if (file === 'page') return OTHER;
  if (file === 'video') return clue.hint === 'image' ? OTHER : VIDEO;
  const labelled = wordIn(clue.label) ?? nearestWord(clue.context);
  if (clue.hint === 'cover' || labelled === 'cover') return COVER;
  if (file === 'image') return COVER_PATH.test(pathOf(clue.url)) ? COVER : OTHER;
  // `file` is 'none' from here on: nothing in the name, so the clues decide.
  if (clue.hint === 'image') return COVER_PATH.test(pathOf(clue.url)) ? COVER : OTHER;
  if (clue.hint === 'video' || labelled === 'video' || mimeSaysVideo(clue.url)) return UNCONFIRMED_VIDEO;
  return COVER_PATH.test(pathOf(clue.url)) ? COVER : OTHER;
}

const OTHER: LinkJudgement = { kind: 'other' };
const COVER: LinkJudgement = { kind: 'cover' };
const VIDEO: LinkJudgement = { kind: 'video', unconfirmed: false };
const UNCONFIRMED_VIDEO: LinkJudgement = { kind: 'video', unconfirmed: true };

function fileKind(url: string): FileKind {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'page';
  }
  if (VIDEO_PAGE_HOST.test(parsed.hostname)) return 'page';
  // A frame grabbed from a stored video (`clip.mp4?x-oss-process=video/snapshot,…`) is an image.
  if (SNAPSHOT_QUERY.test(parsed.search)) return 'image';
  const path = safeDecode(parsed.pathname);
  if (VIDEO_FILE.test(path)) return 'video';
  if (IMAGE_FILE.test(path)) return 'image';
  if (VIDEO_NAME_INSIDE.test(path)) return 'page';
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (SCRIPT_FILE.test(last) || !ANY_EXTENSION.test(last)) return 'none';
  // Any other extension: `.html`, `.pdf`, `.m3u8`, `.zip` … a document, not a video file.
  return 'page';
}

/** Text with its cover words taken out: a thumbnail's alt text, used as its link's label. */
export function withoutCoverWords(text: string): string {
  return text.replace(new RegExp(COVER_WORD.source, 'gi'), ' ').trim();
}

/** A label names a cover first: `视频封面` (video cover) and `下载封面` are covers. */
function wordIn(text: string | undefined): 'cover' | 'video' | undefined {
  if (!text) return undefined;
  if (COVER_WORD.test(text)) return 'cover';
  return VIDEO_WORD.test(text) ? 'video' : undefined;
}

/** In free text the word closest to the link wins: `视频封面见上，视频：<url>` is a video. */
function nearestWord(text: string | undefined): 'cover' | 'video' | undefined {
  if (!text) return undefined;
  let last: 'cover' | 'video' | undefined;
  for (const match of text.matchAll(ANY_WORD)) last = match[1] ? 'cover' : 'video';
  return last;
}

/** S3 `response-content-type`, Azure `rsct`, proxies' `mime`/`type`: a `video/*` value. */
function mimeSaysVideo(url: string): boolean {
  try {
    for (const value of new URL(url).searchParams.values()) if (/^video\/[\w.+-]+$/i.test(value)) return true;
  } catch {
    return false;
  }
  return false;
}

function pathOf(url: string): string {
  try {
    return safeDecode(new URL(url).pathname);
  } catch {
    return '';
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
