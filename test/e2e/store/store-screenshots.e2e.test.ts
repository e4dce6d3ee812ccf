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
import { PROMO_TILE, SCREENSHOT_SIZES, seedStoreLibrary, writePromoTile, writeStoreImages } from './support/store-shots';

// The store's screenshots and promo tile, from the demo chat and seeded libraries, in both
// languages: `npm run build && npx vitest run --project e2e test/e2e/store/` → artifacts/store/.
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
const written: string[] = [];

beforeAll(async () => {
  await rm(OUT, { recursive: true, force: true });
  server = await startDemoServer({ port: 0 });
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-store-'));
});

afterAll(async () => {
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

async function allImagesDecoded(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode().catch(() => undefined))));
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

  beforeAll(async () => {
    await mkdir(dir, { recursive: true });
    vk = await launchChromiumWithExtension({
      extensionPath: builtExtensionDir(),
      headless: true,
      downloadsDir,
      extraArgs: [...language.args],
    });
  });

  afterAll(async () => {
    await vk?.close();
  });

  it('popup over the chat, full gallery and options, at 1280×800 and 640×400, and the promo tile', async () => {
    const { context, extensionId } = vk;
    const popup = await vk.openPopup();
    await popup.setViewportSize(POPUP);
    await seedStoreLibrary(popup, { origin: server.origin, now: Date.now(), prompts: language.prompts });

    // A real capture on top: the demo chat's answer ("一条狗") becomes the newest entry.
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
        return popup.locator('li.entry').count();
      }, { timeout: 20_000 })
      .toBe(language.prompts.length + 1);
    await expect.poll(() => popup.locator('li.entry').first().getAttribute('data-status'), { timeout: 20_000 }).toBe('done');
    expect(await popup.locator('li.entry .entry-prompt').first().textContent()).toContain('一条狗');
    await allImagesDecoded(popup);

    // Chinese is drawn as glyphs, not boxes: two characters differ from each other and from a
    // code point no font has (the CJK font installed by .ci/run; the control test proves the probe).
    const [dog, cat, missing] = await drawTexts(popup, await promptFont(popup), GLYPH_PROBE);
    expect(dog!.inked).toBeGreaterThan(20);
    expect(dog!.pixels).not.toBe(cat!.pixels);
    expect(dog!.pixels).not.toBe(missing!.pixels);

    const popupPng = await popup.screenshot();
    await chat.bringToFront();
    const chatPng = await chat.screenshot();
    const shotPath = (name: string) => (size: { width: number; height: number }) => {
      const path = join(dir, `${name}-${size.width}x${size.height}.png`);
      written.push(path);
      return path;
    };
    await writeStoreImages(
      context,
      [
        { png: chatPng, left: 0, top: 0, ...PAGE },
        { png: popupPng, left: PAGE.width - POPUP.width - 24, top: 8, ...POPUP, popup: true },
      ],
      shotPath('popup-over-chat'),
    );

    const gallery = await context.newPage();
    await gallery.setViewportSize(PAGE);
    await gallery.goto(`chrome-extension://${extensionId}/gallery.html`);
    await expect.poll(() => gallery.locator('li.entry').count()).toBe(language.prompts.length + 1);
    await allImagesDecoded(gallery);
    const galleryPng = await gallery.screenshot();
    await writeStoreImages(context, [{ png: galleryPng, left: 0, top: 0, ...PAGE }], shotPath('gallery'));

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
    expect(mine).toHaveLength(3 * SCREENSHOT_SIZES.length + 1);
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
