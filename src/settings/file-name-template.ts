import { PROMPT_MAX_BYTES, sanitizeFileNamePart, shortHash, videoExtension } from '../download/file-name';
import type { VideoEntry } from '../store/video-entry';
import type { MessageName } from '../i18n/t';

/** The placeholders a template may use, each with the message saying what it stands for. */
export const TEMPLATE_TOKENS = {
  date: 'tokenDate',
  time: 'tokenTime',
  prompt: 'tokenPrompt',
  taskId: 'tokenTaskId',
  model: 'tokenModel',
  site: 'tokenSite',
  index: 'tokenIndex',
} as const satisfies Record<string, MessageName>;

export type TemplateToken = keyof typeof TEMPLATE_TOKENS;

/**
 * UTF-8 budget of one folder or file name, extension included: under the 255 bytes of
 * ext4/APFS/NTFS with room for Chrome's ` (1)` when a name is taken.
 */
export const SEGMENT_MAX_BYTES = 200;
/** Deepest folder nesting a template may create. */
export const MAX_FOLDERS = 4;
const FALLBACK_NAME = 'video';

type TemplateEntry = Pick<VideoEntry, 'id' | 'prompt' | 'taskId' | 'model' | 'site' | 'index' | 'createdAt' | 'videoUrl'>;

/** Placeholders in the template that are not known (shown as a warning; they stay as written). */
export function unknownTokens(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)]
    .map((match) => match[1] ?? '')
    .filter((name) => !(name in TEMPLATE_TOKENS));
}

/**
 * The path a video is saved under, relative to the downloads folder: the template filled in,
 * split into folders at `/`, each part sanitized for Windows, macOS and Linux (see
 * `sanitizeFileNamePart`) and capped in UTF-8 bytes without splitting a character, then the
 * container's extension. Never empty, never `..`, never absolute.
 */
export function templateFileName(template: string, entry: TemplateEntry): string {
  const values = tokenValues(entry);
  const segments = template
    .replaceAll('\\', '/')
    .split('/')
    .map((segment) =>
      sanitizeFileNamePart(
        segment.replace(/\{([^{}]*)\}/g, (whole, name: string) => (name in values ? values[name as TemplateToken] : whole)),
        SEGMENT_MAX_BYTES,
      ),
    )
    .filter((segment) => segment !== '');
  const extension = `.${videoExtension(entry.videoUrl)}`;
  let name = segments.pop() ?? FALLBACK_NAME;
  // Several videos of one task share its id: a template without {index} numbers the later ones.
  if (!template.includes('{index}') && entry.index > 0) name = `${name}-${entry.index + 1}`;
  name = sanitizeFileNamePart(name, SEGMENT_MAX_BYTES - extension.length) || FALLBACK_NAME;
  return [...segments.slice(0, MAX_FOLDERS), `${name}${extension}`].join('/');
}

function tokenValues(entry: TemplateEntry): Record<TemplateToken, string> {
  const created = new Date(entry.createdAt);
  const two = (value: number) => String(value).padStart(2, '0');
  let site = entry.site;
  try {
    site = new URL(entry.site).hostname;
  } catch {
    // An origin that is not a URL is used as it is, sanitized like the rest.
  }
  return {
    date: `${created.getFullYear()}-${two(created.getMonth() + 1)}-${two(created.getDate())}`,
    time: `${two(created.getHours())}-${two(created.getMinutes())}-${two(created.getSeconds())}`,
    prompt: sanitizeFileNamePart(entry.prompt ?? '', PROMPT_MAX_BYTES) || FALLBACK_NAME,
    // The same hash videoFileName uses for entries without a task id.
    taskId: entry.taskId ?? shortHash(entry.id),
    model: entry.model ?? 'unknown-model',
    site,
    index: String(entry.index + 1),
  };
}
