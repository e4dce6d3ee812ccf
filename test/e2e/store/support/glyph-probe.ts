import type { Page } from 'playwright-core';

/**
 * Draws each text on a canvas in `font` and returns a fingerprint of its pixels per text, plus how
 * many pixels were inked. A character no installed font has is drawn as the same empty box
 * (".notdef", "tofu") whatever the character, so two different Chinese characters drawing the same
 * pixels, or the same as a code point no font covers, means the Chinese text is boxes.
 */
export async function drawTexts(page: Page, font: string, texts: readonly string[]): Promise<Array<{ pixels: string; inked: number }>> {
  return page.evaluate(
    ({ font, texts }) =>
      texts.map((text) => {
        const canvas = document.createElement('canvas');
        canvas.width = 240;
        canvas.height = 64;
        const context = canvas.getContext('2d')!;
        context.font = font;
        context.fillStyle = '#000';
        context.fillText(text, 4, 44);
        const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let index = 3; index < data.length; index += 4) if (data[index]! > 0) inked++;
        return { pixels: canvas.toDataURL(), inked };
      }),
    { font, texts },
  );
}

/** Two different CJK characters, and a private-use code point past any font (U+10FFFD). */
export const GLYPH_PROBE = ['狗', '猫', '\u{10FFFD}'] as const;
