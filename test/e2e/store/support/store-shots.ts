import type { BrowserContext, Page } from 'playwright-core';
import { replaceStoredEntries } from '../../pages/library-idb';

/** The Chrome Web Store's screenshot sizes (AMO takes the same images). */
export const SCREENSHOT_SIZES = [
  { width: 1280, height: 800 },
  { width: 640, height: 400 },
] as const;

/** The promo tile of the Chrome Web Store. */
export const PROMO_TILE = { width: 440, height: 280 } as const;

/** One layer of a store image: a PNG placed on the 1280×800 stage. */
export interface Layer {
  png: Buffer;
  left: number;
  top: number;
  width: number;
  height: number;
  /** Drawn like the browser's action popup: a border and a shadow. */
  popup?: boolean;
}

/**
 * Writes the 1280×800 stage of `layers` at every screenshot size into `pathOf(size)`: drawn once
 * at 1280×800 and scaled, so the 640×400 image is the same picture, not a cramped layout.
 */
export async function writeStoreImages(
  context: BrowserContext,
  layers: readonly Layer[],
  pathOf: (size: { width: number; height: number }) => string,
): Promise<void> {
  const page = await context.newPage();
  try {
    const images = layers
      .map((layer) => {
        const style = [
          'position:absolute',
          `left:${layer.left}px`,
          `top:${layer.top}px`,
          `width:${layer.width}px`,
          `height:${layer.height}px`,
          ...(layer.popup ? ['border:1px solid #c8ced6', 'border-radius:8px', 'box-shadow:0 12px 36px rgba(0,0,0,.35)'] : []),
        ].join(';');
        return `<img style="${style}" src="data:image/png;base64,${layer.png.toString('base64')}">`;
      })
      .join('');
    for (const size of SCREENSHOT_SIZES) {
      await page.setViewportSize(size);
      await page.setContent(
        `<body style="margin:0;overflow:hidden;background:#fff"><div id="stage" style="position:relative;width:1280px;height:800px;transform-origin:0 0;transform:scale(${size.width / 1280})">${images}</div></body>`,
      );
      await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode())));
      await page.screenshot({ path: pathOf(size) });
    }
  } finally {
    await page.close();
  }
}

/** The 440×280 promo tile: the icon, the name and the summary over a slice of the gallery; returns where the name ends. */
export async function writePromoTile(
  context: BrowserContext,
  texts: { name: string; summary: string; lang: string },
  icon: Buffer,
  gallery: Buffer,
  path: string,
): Promise<number> {
  const page = await context.newPage();
  try {
    await page.setViewportSize(PROMO_TILE);
    await page.setContent(
      `<html lang="${texts.lang}"><body style="margin:0;width:440px;height:280px;overflow:hidden;font-family:system-ui,'Noto Sans CJK SC',sans-serif;background:#0d1117;color:#e6edf3">
        <img src="data:image/png;base64,${gallery.toString('base64')}" style="position:absolute;left:240px;top:100px;width:400px;border-radius:8px;box-shadow:0 8px 30px rgba(0,0,0,.6)">
        <div style="position:absolute;left:24px;top:24px;right:24px">
          <img src="data:image/png;base64,${icon.toString('base64')}" style="width:48px;height:48px;vertical-align:middle">
          <span id="name" style="font-size:26px;font-weight:700;vertical-align:middle;margin-left:10px;white-space:nowrap"></span>
          <p id="summary" style="font-size:14px;line-height:1.4;width:196px;color:#c9d1d9"></p>
        </div></body></html>`,
    );
    // Text from the listing goes in as text, never as markup.
    await page.evaluate(({ name, summary }) => {
      document.querySelector('#name')!.textContent = name;
      document.querySelector('#summary')!.textContent = summary;
    }, texts);
    await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode())));
    await page.screenshot({ path });
    // The name sits on one line inside the tile.
    return await page.evaluate(() => document.querySelector('#name')!.getBoundingClientRect().right);
  } finally {
    await page.close();
  }
}

/** Writes store-worthy entries into the extension's IndexedDB from one of its pages (replacing what is there). */
export async function seedStoreLibrary(page: Page, options: { origin: string; now: number; prompts: readonly string[] }): Promise<void> {
  const { origin, now, prompts } = options;
  const models = ['cogvideox-3', 'veo-3', 'kling-v2', 'hailuo-02'];
  const sites = ['http://localhost:3000', 'https://chatglm.cn', 'https://klingai.com', 'http://127.0.0.1:8080'];
  const entries = prompts.map((prompt, n) => {
    const status = n === 1 ? 'generating' : n === 6 ? 'failed' : 'done';
    const video = `${origin}/media/store-${n}.mp4`;
    return {
      id: `task:${7100 + n}:0`,
      status,
      progress: status === 'generating' ? 4 : 6,
      ...(status === 'done' ? { videoUrl: video, videoKey: video, coverUrl: `${origin}/media/store-${n}.jpg` } : {}),
      ...(status === 'failed' ? { failureReason: 'no-result' } : {}),
      prompt,
      taskId: `${8891215448425547000 + n * 7919}`,
      model: models[n % models.length],
      site: sites[n % sites.length],
      pageUrl: `${origin}/chat/${n}`,
      endpointUrl: `${sites[n % sites.length]}/v1/chat/completions`,
      index: 0,
      createdAt: now - (n + 1) * 47 * 60_000,
      updatedAt: now - (n + 1) * 47 * 60_000,
    };
  });
  await page.evaluate(replaceStoredEntries, entries);
}
