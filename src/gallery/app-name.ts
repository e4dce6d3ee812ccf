import type { VideoEntry } from '../store/video-entry';
import { VIDEO_APP_LABELS } from '../sites/video-app-labels';

/** How the gallery names where an entry came from: the app people know, not a host. */
export interface AppName {
  /** Short name for a card (`Kling`, `清影`, `Open WebUI`, `localhost:3000`). */
  name: string;
  /** The longer name for tooltips and the site filter (`Kling (可灵)`); the same as `name` when there is none. */
  label: string;
  /** One grapheme for the letter badge that stands in for an icon. */
  letter: string;
  /** Hue (0–359) of the badge, stable per name, so each app keeps its color across the gallery. */
  hue: number;
}

/**
 * Short card names of the video apps, by extractor name (VIDEO_APP_LABELS has the long ones).
 * test/unit/gallery/app-name.test.ts checks that every extractor has one here.
 */
export const APP_SHORT_NAMES: Readonly<Record<string, string>> = {
  chatglm: '清影',
  doubao: '豆包',
  gemini: 'Gemini',
  'google-flow': 'Google Flow',
  grok: 'Grok Imagine',
  hailuo: 'Hailuo',
  higgsfield: 'Higgsfield',
  jimeng: '即梦 Dreamina',
  kling: 'Kling',
  'meta-ai': 'Meta AI',
  midjourney: 'Midjourney',
  pixverse: 'PixVerse',
  qwen: 'Qwen',
  runway: 'Runway',
  sora: 'Sora',
  vidu: 'Vidu',
  wan: 'Wan',
};

/**
 * Page hosts (each covering its subdomains) of the video apps and of the known hosted chat UIs.
 * Data, not the extractors: the popup names apps without loading the extractors, and
 * test/unit/gallery/app-name.test.ts checks the video apps' part against SITE_EXTRACTORS.
 */
export const APP_HOSTS: ReadonlyArray<readonly [host: string, app: string]> = [
  ['chatglm.cn', 'chatglm'],
  ['doubao.com', 'doubao'],
  ['gemini.google.com', 'gemini'],
  ['labs.google', 'google-flow'],
  ['grok.com', 'grok'],
  ['hailuoai.video', 'hailuo'],
  ['hailuoai.com', 'hailuo'],
  ['higgsfield.ai', 'higgsfield'],
  ['jimeng.jianying.com', 'jimeng'],
  ['dreamina.capcut.com', 'jimeng'],
  ['klingai.com', 'kling'],
  ['klingai.kuaishou.com', 'kling'],
  ['meta.ai', 'meta-ai'],
  ['midjourney.com', 'midjourney'],
  ['pixverse.ai', 'pixverse'],
  ['chat.qwen.ai', 'qwen'],
  ['app.runwayml.com', 'runway'],
  ['sora.chatgpt.com', 'sora'],
  ['vidu.com', 'vidu'],
  ['vidu.cn', 'vidu'],
  ['vidu.studio', 'vidu'],
  ['create.wan.video', 'wan'],
  ['wanxiang.aliyun.com', 'wan'],
  // Chat UIs with a public hosted instance; self-hosted ones are named by their host.
  ['chatgpt.com', 'ChatGPT'],
  ['chat.openai.com', 'ChatGPT'],
  ['nextchat.dev', 'NextChat'],
  ['app.nextchat.dev', 'NextChat'],
  ['lobehub.com', 'LobeChat'],
  ['lobechat.com', 'LobeChat'],
  ['openwebui.com', 'Open WebUI'],
  ['librechat.ai', 'LibreChat'],
];

const graphemes = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined;

/**
 * The app an entry came from: the video app its id names (`task:<extractor>:…`), else the app
 * its page's host belongs to, else the host itself (with its port, so two UIs on loopback stay
 * apart). Never throws on a damaged `site`.
 */
export function appNameOf(entry: Pick<VideoEntry, 'id' | 'site'>): AppName {
  return appNameFor(appKeyOf(entry));
}

/**
 * The key the site filter groups by: an app's key (`kling`, `ChatGPT`) or the entry's host.
 * Entries of one app on several hosts (`vidu.com`, `vidu.cn`) share one key.
 */
export function appKeyOf(entry: Pick<VideoEntry, 'id' | 'site'>): string {
  const extractor = extractorOfId(entry.id);
  if (extractor !== undefined && APP_SHORT_NAMES[extractor] !== undefined) return extractor;
  const host = hostOf(entry.site);
  const hostname = host.replace(/:\d+$/, '');
  for (const [known, app] of APP_HOSTS) {
    if (hostname === known || hostname.endsWith(`.${known}`)) return app;
  }
  return host;
}

/** The name and badge of an app key from `appKeyOf`. */
export function appNameFor(key: string): AppName {
  const name = APP_SHORT_NAMES[key] ?? key;
  const label = VIDEO_APP_LABELS[key] ?? name;
  return { name, label, letter: firstLetter(name), hue: hueOf(name) };
}

/** `klingai.com` from `https://klingai.com`; `localhost:3000` with its port; the text itself when not a URL. */
function hostOf(site: string): string {
  try {
    return new URL(site).host || site;
  } catch {
    return site;
  }
}

// `task:<extractor>:<taskId>:<index>`: a chat answer's id is `task:<taskId>:<index>`, whose
// middle part is a task id, so only names in APP_SHORT_NAMES count.
function extractorOfId(id: string): string | undefined {
  if (!id.startsWith('task:')) return undefined;
  const end = id.indexOf(':', 5);
  return end > 5 ? id.slice(5, end) : undefined;
}

function firstLetter(name: string): string {
  const first = graphemes ? graphemes.segment(name)[Symbol.iterator]().next().value?.segment : Array.from(name)[0];
  return (first ?? '?').toLocaleUpperCase();
}

function hueOf(name: string): number {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (Math.imul(hash, 31) + name.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}
