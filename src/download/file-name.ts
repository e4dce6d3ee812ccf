import type { VideoEntry } from '../store/video-entry';

/** UTF-8 budget of the prompt part; the whole name stays far below the 255-byte limit of ext4/APFS. */
export const PROMPT_MAX_BYTES = 120;
/** Task ids are long decimal numbers; the cap only guards against a producer sending junk. */
const TASK_ID_MAX_BYTES = 64;
/** Stands in for a prompt that is missing or sanitizes to nothing. */
const FALLBACK_PROMPT = 'video';
const DEFAULT_EXTENSION = 'mp4';
const VIDEO_EXTENSIONS = new Set(['mp4', 'webm', 'mov', 'm4v']);

// Chrome's downloads API refuses a name that fails base::i18n::IsFilenameLegal: Cc, Cf
// (bidi controls, ZWJ, BOM, soft hyphen …) and noncharacters anywhere. Format characters are
// invisible, so they go without a trace; lone surrogates would be written as U+FFFD.
const INVISIBLE = /[\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}]/gu;
// Path separators and the characters Windows refuses. `~` too: Chrome refuses it at either end
// and anywhere in a name shaped like an 8.3 short name (`PROGRA~1.mp4`). Controls (tab, newline
// …) separate words in a prompt, so all of these become a space rather than gluing words.
const SEPARATING = /[\p{Cc}<>:"/\\|?*~\s]+/gu;
const DOT_RUNS = /\.{2,}/g;
// Chrome and Firefox both write `_` for `%` in a name given to downloads.download(), so the
// file on disk would not be the name we report: the fullwidth sign reads the same and is kept.
const PERCENT = /%/g;
// Windows trims trailing dots and spaces, Chrome refuses leading/trailing dots and whitespace;
// `_` is trimmed too because it is our own separator and a leading one looks like a mistake.
// Trimmed by a loop (`trimEdges`): `/[ ._]+$/` retries at every character of a run, quadratic on a hostile prompt.
const EDGE_CHARS = ' ._';
// Device names stay devices with any extension and trailing spaces (`con .txt`); Windows 11 adds
// COM0/LPT0 and the superscript digits. https://learn.microsoft.com/windows/win32/fileio/naming-a-file
const RESERVED_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$) *(?:\.|$)/i;

const graphemes =
  typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : undefined;

/**
 * Makes `text` safe as part of a file name on Windows, macOS and Linux, as Chrome's downloads
 * API accepts it, and at most `maxBytes` UTF-8 bytes long. Returns `''` when nothing is left.
 */
export function sanitizeFileNamePart(text: string, maxBytes: number): string {
  const cleaned = text
    // One spelling per name: a prompt typed on macOS (NFD) and on Windows (NFC) names the same file.
    .normalize('NFC')
    .replace(INVISIBLE, '')
    // Whitespace runs become one space, not `_`: a prompt is prose, and `_` already separates
    // the prompt from the task id, so it stays unambiguous.
    .replace(SEPARATING, ' ')
    .replace(PERCENT, '\uFF05')
    .replace(DOT_RUNS, '.');
  let part = trimEdges(truncateUtf8(trimEdges(cleaned), maxBytes));
  if (RESERVED_NAME.test(part)) part = `_${trimEdges(truncateUtf8(part, maxBytes - 1))}`;
  return part;
}

function trimEdges(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE_CHARS.includes(text.charAt(start))) start += 1;
  while (end > start && EDGE_CHARS.includes(text.charAt(end - 1))) end -= 1;
  return text.slice(start, end);
}

/**
 * The name a video is saved under: `<prompt>_<taskId>.<ext>`, e.g. `一条狗_8891215448425547870.mp4`.
 * A plain file name (never a folder), as `browser.downloads.download({ filename })` needs.
 * Without a task id a short hash of the entry id stands in, so two videos of the same prompt
 * get different names and downloading one video twice gives the same name.
 */
export function videoFileName(
  entry: Pick<VideoEntry, 'prompt' | 'taskId' | 'videoUrl' | 'id'> & Partial<Pick<VideoEntry, 'index'>>,
): string {
  const prompt = sanitizeFileNamePart(entry.prompt ?? '', PROMPT_MAX_BYTES) || FALLBACK_PROMPT;
  const taskId = sanitizeFileNamePart(entry.taskId ?? '', TASK_ID_MAX_BYTES) || shortHash(entry.id);
  // One task can return several videos; they share the task id, so the later ones are numbered.
  const position = entry.taskId && entry.index !== undefined && entry.index > 0 ? `-${entry.index + 1}` : '';
  return `${prompt}_${taskId}${position}.${videoExtension(entry.videoUrl)}`;
}

/** The container named by the URL path (`mp4`, `webm`, `mov`, `m4v`), else `mp4`. */
export function videoExtension(videoUrl: string | undefined): string {
  if (!videoUrl) return DEFAULT_EXTENSION;
  let path: string;
  try {
    // The path only: signed URLs carry `?…&x=.json` and proxies `#…` that say nothing of the file.
    path = new URL(videoUrl).pathname;
  } catch {
    return DEFAULT_EXTENSION;
  }
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return extension !== undefined && VIDEO_EXTENSIONS.has(extension) ? extension : DEFAULT_EXTENSION;
}

/** Longest prefix of `text` within `maxBytes` UTF-8 bytes that ends on a grapheme boundary. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let kept = '';
  let bytes = 0;
  // Whole graphemes, so an emoji with a skin tone or a letter with its accent is never split;
  // code points where Intl.Segmenter is missing, which still keeps surrogate pairs together.
  const pieces = graphemes ? Array.from(graphemes.segment(text), (s) => s.segment) : Array.from(text);
  for (const piece of pieces) {
    bytes += utf8Length(piece);
    if (bytes > maxBytes) break;
    kept += piece;
  }
  return kept;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** 8 hex digits of FNV-1a over the UTF-16 code units: short, stable, not a security hash. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
