/**
 * Names users know the video apps by (the extractor names are for code), in a module of its own
 * so the popup can name them without loading the extractors.
 */
export const VIDEO_APP_LABELS: Readonly<Record<string, string>> = {
  chatglm: '智谱清言 · 清影 (ChatGLM)',
  doubao: '豆包 (Doubao)',
  gemini: 'Gemini (Veo)',
  'google-flow': 'Google Flow (Veo)',
  grok: 'Grok Imagine',
  hailuo: 'Hailuo (海螺)',
  higgsfield: 'Higgsfield',
  jimeng: 'Jimeng / Dreamina (即梦)',
  kling: 'Kling (可灵)',
  'meta-ai': 'Meta AI',
  midjourney: 'Midjourney',
  pixverse: 'PixVerse',
  qwen: '通义千问 / Qwen Chat',
  runway: 'Runway',
  sora: 'Sora',
  vidu: 'Vidu',
  wan: '通义万相 / Wan',
};
