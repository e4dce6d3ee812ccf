import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { defaultChromiumPath, launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { startDemoServer } from '../../demo-site/server';
import { drawTexts, GLYPH_PROBE } from './support/glyph-probe';
import { pngSize } from './support/png-size';
import { generateStoreMedia, serveFiles } from './support/generated-media';
import { PROMO_TILE, SCREENSHOT_SIZES, seedStoreLibrary, showVideoStudio, writePromoTile, writeStoreImages, type SeedMedia } from './support/store-shots';

// The store's screenshots and promo tile, in both languages, from a seeded library of covers and
// clips ffmpeg draws at test time (captioned), a real capture of the demo chat (the capture log)
// and the extension's own pages: `npm run build && npx vitest run --project e2e test/e2e/store/`
// → artifacts/store/.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = join(ROOT, 'artifacts', 'store');
const PAGE = { width: 1280, height: 800 };
// The popup's own width (its content is 420 px wide), and as tall as Chrome lets a popup be in the frame.
const POPUP = { width: 420, height: 600 };

const LANGUAGES = [
  {
    locale: 'en',
    args: [],
    settings: 'File name template',
    privacyHeading: 'What is read, and on which sites',
    studio: { title: 'Video studio', prompt: 'A paper boat drifting down a rainy street, cinematic' },
    captions: ['Golden hour', 'City lights', 'Paper boat', 'Rice terraces', 'Space cat', 'Lavender', 'Origami', 'Neon rain', 'Red fox', 'Black sand'],
    prompts: [
      'A golden retriever running on a beach at sunset, slow motion',
      'Timelapse of a city skyline from day to night',
      'A paper boat drifting down a rainy street',
      'Aerial shot of terraced rice fields in spring',
      'A cat astronaut floating inside a space station',
      'Macro shot of a bee landing on a lavender flower',
      'Origami cranes taking flight over a lake',
      'Neon-lit alley in the rain, cinematic',
      'A red fox walking through fresh snow',
      'Waves crashing on black volcanic rocks',
    ],
  },
  {
    locale: 'zh_CN',
    // chrome.i18n follows --lang (see test/e2e/gallery/screenshots.e2e.test.ts).
    args: ['--lang=zh-CN'],
    settings: '文件名模板',
    privacyHeading: '读取什么，在哪些网站',
    studio: { title: '视频工作室', prompt: '一艘纸船顺着雨中的街道漂流，电影感' },
    captions: ['日落海滩', '城市灯火', '雨中纸船', '春日梯田', '太空猫', '薰衣草', '纸鹤', '霓虹雨巷', '雪中红狐', '火山岩'],
    prompts: [
      '一只金毛犬在日落的海滩上奔跑，慢动作',
      '城市天际线从白天到夜晚的延时摄影',
      '一艘纸船顺着雨中的街道漂流',
      '春天梯田的航拍镜头',
      '一只猫宇航员漂浮在空间站里',
      '蜜蜂落在薰衣草花上的微距镜头',
      '纸鹤从湖面上飞起',
      '雨中霓虹灯下的小巷，电影感',
      '一只红狐狸走过新雪',
      '海浪拍打黑色火山岩',
    ],
  },
] as const;

let server: { origin: string; close(): Promise<void> };
let downloadsDir: string;
let mediaDir: string;
const written: string[] = [];

beforeAll(async () => {
  await rm(OUT, { recursive: true, force: true });
  server = await startDemoServer({ port: 0 });
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-store-'));
  mediaDir = await mkdtemp(join(tmpdir(), 'video-keeper-store-media-'));
});

afterAll(async () => {
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
  if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
});

async function allImagesDecoded(page: Page): Promise<void> {
  // Covers load lazily: one below the fold would never decode, so all are made eager first.
  await page.evaluate(() =>
    Promise.all(
      [...document.images].map((image) => {
        image.loading = 'eager';
        return image.decode().catch(() => undefined);
      }),
    ),
  );
}

/** The font the popup draws a prompt in, for the glyph probe. */
async function promptFont(page: Page): Promise<string> {
  return page.locator('li.entry .entry-prompt').first().evaluate((element) => {
    const style = getComputedStyle(element);
    return `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  });
}

describe.each(LANGUAGES)('store images in $locale', (language) => {
  let vk: ExtensionBrowser;
  const dir = join(OUT, language.locale);
  let media: SeedMedia & { close(): Promise<void> };

  beforeAll(async () => {
    await mkdir(dir, { recursive: true });
    // Covers and clips captioned in this language, served from loopback like a CDN.
    const files = join(mediaDir, language.locale);
    await mkdir(files, { recursive: true });
    const made = await generateStoreMedia(files, language.captions);
    media = { ...made, ...(await serveFiles(files)) };
    vk = await launchChromiumWithExtension({
      extensionPath: builtExtensionDir(),
      headless: true,
      downloadsDir,
      extraArgs: [...language.args],
    });
  });

  afterAll(async () => {
    await vk?.close();
    await media?.close();
  });

  it('popup over a video app, gallery, detail view, capture log and options, at 1280×800 and 640×400, and the promo tile', async () => {
    const { context, extensionId } = vk;
    const popup = await vk.openPopup();
    await popup.setViewportSize(POPUP);
    const shotPath = (name: string) => (size: { width: number; height: number }) => {
      const path = join(dir, `${name}-${size.width}x${size.height}.png`);
      written.push(path);
      return path;
    };

    // A real capture first: the demo chat's answer ("一条狗") lands in the library and in the capture log.
    const chat = await context.newPage();
    await chat.setViewportSize(PAGE);
    // pace=0: the recorded answer at once, not over 8 s.
    await chat.goto(`${server.origin}/?pace=0`);
    await chat.click('#send');
    await chat.waitForSelector('body[data-state="done"]', { state: 'attached', timeout: 30_000 });
    await popup.bringToFront();
    await expect
      .poll(async () => {
        await popup.reload();
        return popup.locator('li.entry[data-status="done"] .entry-prompt').allTextContents();
      }, { timeout: 20_000 })
      .toEqual([expect.stringContaining('一条狗')]);
    const log = await context.newPage();
    await log.setViewportSize(PAGE);
    await log.goto(`chrome-extension://${extensionId}/capture-log.html`);
    await expect.poll(() => log.locator('#capture-log').textContent(), { timeout: 20_000 }).toContain('/v1/chat/completions');
    await writeStoreImages(context, [{ png: await log.screenshot(), left: 0, top: 0, ...PAGE }], shotPath('capture-log'));
    await chat.close();

    // Then the library the store shows: generated covers from many apps, one still generating.
    await seedStoreLibrary(popup, { media, now: Date.now(), prompts: language.prompts });
    // In front: a page in the background may never decode its images.
    await popup.bringToFront();
    await popup.reload();
    await expect.poll(() => popup.locator('li.entry').count(), { timeout: 20_000 }).toBe(language.prompts.length);
    expect(await popup.locator('li.entry[data-status="generating"] .entry-status').textContent({ timeout: 10_000 })).toMatch(/42\s?%/);
    expect(await popup.locator('li.entry .entry-site').first().textContent({ timeout: 10_000 })).toBe('Kling');
    await allImagesDecoded(popup);
    expect(await popup.evaluate(() => [...document.images].filter((image) => image.naturalWidth === 640).length)).toBeGreaterThan(3);

    // Chinese is drawn as glyphs, not boxes: two characters differ from each other and from a
    // code point no font has (the CJK font installed by .ci/run; the control test proves the probe).
    const [dog, cat, missing] = await drawTexts(popup, await promptFont(popup), GLYPH_PROBE);
    expect(dog!.inked).toBeGreaterThan(20);
    expect(dog!.pixels).not.toBe(cat!.pixels);
    expect(dog!.pixels).not.toBe(missing!.pixels);

    const popupPng = await popup.screenshot();
    const studio = await context.newPage();
    await studio.setViewportSize(PAGE);
    await showVideoStudio(studio, media, { ...language.studio, captions: language.captions });
    const studioPng = await studio.screenshot();
    await writeStoreImages(
      context,
      [
        { png: studioPng, left: 0, top: 0, ...PAGE },
        { png: popupPng, left: PAGE.width - POPUP.width - 24, top: 8, ...POPUP, popup: true },
      ],
      shotPath('popup-over-app'),
    );

    const gallery = await context.newPage();
    await gallery.setViewportSize(PAGE);
    await gallery.goto(`chrome-extension://${extensionId}/gallery.html`);
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(language.prompts.length);
    await allImagesDecoded(gallery);
    const galleryPng = await gallery.screenshot();
    await writeStoreImages(context, [{ png: galleryPng, left: 0, top: 0, ...PAGE }], shotPath('gallery'));

    // The detail view of the first video: its whole prompt, facts and three renditions.
    await gallery.locator('li.entry').first().locator('[data-action="details"]').click({ timeout: 10_000 });
    const detail = gallery.locator('dialog.entry-detail');
    await expect.poll(() => detail.locator('[data-action="download-rendition"]').count()).toBe(3);
    await detail.evaluate((dialog) => Promise.all([...dialog.querySelectorAll('img')].map((image) => image.decode().catch(() => undefined))));
    await writeStoreImages(context, [{ png: await gallery.screenshot(), left: 0, top: 0, ...PAGE }], shotPath('detail'));

    const options = await context.newPage();
    await options.setViewportSize(PAGE);
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect.poll(() => options.getByLabel(language.settings).count()).toBe(1);
    await expect.poll(() => options.locator('.storage-used').count()).toBe(1);
    await writeStoreImages(context, [{ png: await options.screenshot(), left: 0, top: 0, ...PAGE }], shotPath('options'));

    // The options page links the About & privacy page, which shows the policy in the UI's language.
    await options.locator('a[href="/about.html"]').click();
    await expect.poll(() => options.locator('#privacy h2').first().textContent()).toBe(language.privacyHeading);
    expect(await options.locator('#version').textContent()).toMatch(/ \d+\.\d+\.\d+$/);

    const promo = join(dir, `promo-tile-${PROMO_TILE.width}x${PROMO_TILE.height}.png`);
    written.push(promo);
    const nameEnd = await writePromoTile(
      context,
      {
        name: (await readFile(join(ROOT, 'store', language.locale, 'name.txt'), 'utf8')).trim(),
        summary: (await readFile(join(ROOT, 'store', language.locale, 'summary.txt'), 'utf8')).trim(),
        lang: language.locale.replace('_', '-'),
      },
      await readFile(join(builtExtensionDir(), 'icons', '128.png')),
      galleryPng,
      promo,
    );
    expect(nameEnd).toBeLessThanOrEqual(PROMO_TILE.width - 16);

    const mine = written.filter((path) => path.startsWith(dir));
    // Five screenshots (the Chrome Web Store's most) at each size, and the tile.
    expect(mine).toHaveLength(5 * SCREENSHOT_SIZES.length + 1);
    for (const path of mine) {
      const expected = path.endsWith(`${PROMO_TILE.width}x${PROMO_TILE.height}.png`) ? PROMO_TILE : /(\d+)x(\d+)\.png$/.exec(path)!;
      const size = await pngSize(path);
      expect(size, path).toEqual(Array.isArray(expected) ? { width: Number(expected[1]), height: Number(expected[2]) } : expected);
    }
  });
});

describe('the tofu probe', () => {
  it('sees boxes when Chromium has no CJK font (fontconfig limited to DejaVu)', async () => {
    const fonts = await mkdtemp(join(tmpdir(), 'video-keeper-fonts-'));
    await writeFile(
      join(fonts, 'fonts.conf'),
      `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${fonts}/cache</cachedir></fontconfig>`,
    );
    // A plain Chromium (no extension needed) whose fontconfig sees DejaVu only.
    const browser = await chromium.launch({
      executablePath: defaultChromiumPath(),
      args: ['--no-sandbox', '--disable-gpu'],
      env: { ...process.env, FONTCONFIG_FILE: join(fonts, 'fonts.conf') },
    });
    try {
      const page = await browser.newPage();
      const [dog, cat, missing] = await drawTexts(page, '400 14px sans-serif', GLYPH_PROBE);
      // Every CJK character is the same box: the check of the store run fails here.
      expect(dog!.inked).toBeGreaterThan(0);
      expect(dog!.pixels).toBe(cat!.pixels);
      expect(dog!.pixels).toBe(missing!.pixels);
    } finally {
      await browser.close();
      await rm(fonts, { recursive: true, force: true });
    }
  });
});
