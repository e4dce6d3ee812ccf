/**
 * Names users know the video apps by (the extractor names are for code), in a module of its own
 * so the popup can name them without loading the extractors.
 */
export const VIDEO_APP_LABELS: Readonly<Record<string, string>> = {
  chatglm: '智谱清言 · 清影 (ChatGLM)',
  grok: 'Grok Imagine',
  hailuo: 'Hailuo (海螺)',
  higgsfield: 'Higgsfield',
  jimeng: 'Jimeng / Dreamina (即梦)',
  kling: 'Kling (可灵)',
  midjourney: 'Midjourney',
  pixverse: 'PixVerse',
  runway: 'Runway',
  sora: 'Sora',
  vidu: 'Vidu',
};
