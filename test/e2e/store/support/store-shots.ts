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

/** Where the generated covers and clips are served (test/e2e/store/support/generated-media.ts). */
export interface SeedMedia {
  origin: string;
  covers: readonly string[];
  videos: readonly string[];
}

// The apps the seeded videos come from: video apps by their task ids and hosts, a hosted chat
// UI, and a self-hosted one on loopback (named by host and port).
const SEED_APPS = [
  { site: 'https://klingai.com', app: 'kling', model: 'kling-v2.1' },
  { site: 'https://sora.chatgpt.com', app: 'sora', model: 'sora-2' },
  { site: 'https://chatglm.cn', app: 'chatglm', model: 'cogvideox-3' },
  { site: 'https://hailuoai.video', app: 'hailuo', model: 'hailuo-02' },
  { site: 'http://127.0.0.1:8080', model: 'veo-3' },
  { site: 'https://app.runwayml.com', app: 'runway', model: 'gen-4' },
  { site: 'https://jimeng.jianying.com', app: 'jimeng', model: 'seedance-1.0' },
  { site: 'https://vidu.com', app: 'vidu', model: 'vidu-q1' },
  { site: 'https://chat.lobehub.com', model: 'wan2.2' },
  { site: 'https://app.pixverse.ai', app: 'pixverse', model: 'pixverse-v5' },
] as const;

/**
 * Writes store-worthy entries into the extension's IndexedDB from one of its pages (replacing
 * what is there): one per prompt, each with its own generated cover, from a mix of apps; the
 * second still generating (42 %), the seventh failed, the first with two more renditions.
 */
export async function seedStoreLibrary(page: Page, options: { media: SeedMedia; now: number; prompts: readonly string[] }): Promise<void> {
  const { media, now, prompts } = options;
  const entries = prompts.map((prompt, n) => {
    const status = n === 1 ? 'generating' : n === 6 ? 'failed' : 'done';
    const from = SEED_APPS[n % SEED_APPS.length]!;
    const taskId = `${8891215448425547000 + n * 7919}`;
    const video = `${media.origin}/${media.videos[n % media.videos.length]!}`;
    const cover = `${media.origin}/${media.covers[n % media.covers.length]!}`;
    return {
      id: 'app' in from ? `task:${from.app}:${taskId}:0` : `task:${taskId}:0`,
      status,
      progress: status === 'generating' ? 4 : 6,
      ...(status === 'generating' ? { percent: 42 } : {}),
      ...(status === 'done' ? { videoUrl: video, videoKey: video, width: 1280, height: 720, durationMs: 5_000 + n * 1_000 } : {}),
      ...(status !== 'failed' ? { coverUrl: cover } : {}),
      ...(n === 0 ? { alternates: [`${media.origin}/watermark/${media.videos[0]!}`, `${media.origin}/720p/preview.gif`] } : {}),
      ...(status === 'failed' ? { failureReason: 'no-result' } : {}),
      ...('app' in from ? { source: 'site' } : {}),
      prompt,
      taskId,
      model: from.model,
      site: from.site,
      pageUrl: `${from.site}/create/${n}`,
      endpointUrl: `${from.site}/api/task`,
      index: 0,
      createdAt: now - (n + 1) * 47 * 60_000,
      updatedAt: now - (n + 1) * 47 * 60_000,
    };
  });
  await page.evaluate(replaceStoredEntries, entries);
}

/**
 * A page standing in for a video app (no real brand): a prompt box and a grid of the generated
 * clips and covers, under the popup in the store images. Built with DOM calls, text as text.
 */
export async function showVideoStudio(page: Page, media: SeedMedia, texts: { title: string; prompt: string; captions: readonly string[] }): Promise<void> {
  await page.goto(`${media.origin}/studio.html`);
  await page.evaluate(
    ({ origin, covers, videos, title, prompt, captions }) => {
      document.body.style.cssText = 'margin:0;font:15px/1.4 system-ui,"Noto Sans CJK SC",sans-serif;background:#101014;color:#f2f2f5';
      const main = document.createElement('main');
      main.style.cssText = 'padding:28px 40px';
      const heading = document.createElement('h1');
      heading.textContent = title;
      heading.style.cssText = 'margin:0 0 16px;font-size:22px';
      const box = document.createElement('div');
      box.textContent = prompt;
      box.style.cssText = 'padding:14px 16px;border:1px solid #2d2d38;border-radius:12px;background:#18181f;width:720px;margin-bottom:20px';
      const grid = document.createElement('div');
      grid.style.cssText = 'display:grid;grid-template-columns:repeat(3,240px);gap:14px';
      covers.slice(0, 9).forEach((cover, n) => {
        const tile = n < videos.length ? document.createElement('video') : document.createElement('img');
        tile.src = `${origin}/${n < videos.length ? videos[n]! : cover}`;
        if (tile instanceof HTMLVideoElement) {
          tile.muted = true;
          tile.preload = 'auto';
          tile.poster = `${origin}/${cover}`;
        } else {
          tile.alt = captions[n] ?? '';
        }
        tile.style.cssText = 'width:240px;height:135px;object-fit:cover;border-radius:10px;display:block';
        grid.append(tile);
      });
      main.append(heading, box, grid);
      document.body.replaceChildren(main);
    },
    { origin: media.origin, covers: [...media.covers], videos: [...media.videos], ...texts, captions: [...texts.captions] },
  );
  await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode())));
  // A clip shows its first frame once it has data; a failure here names the wait, not a test timeout.
  await page.waitForFunction(() => [...document.querySelectorAll('video')].every((video) => video.readyState >= 2), undefined, { timeout: 20_000 });
}
