import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROMPT_MAX_BYTES, sanitizeFileNamePart, videoExtension, videoFileName } from '../../../src/download/file-name';

interface ExpectedFixture {
  videos: { video: string; taskId: string; prompt: string }[];
}

const seed = (JSON.parse(
  readFileSync(new URL('../../fixtures/streams/cogvideo-dog.expected.json', import.meta.url), 'utf8'),
) as ExpectedFixture).videos[0]!;

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).byteLength;

// What Chrome's downloads API and Windows refuse anywhere in a name (base::i18n::IsFilenameLegal
// plus `~`, which we drop everywhere), and what they refuse at either end.
const ILLEGAL = /[\p{Cc}\p{Cf}\p{Cs}\p{Noncharacter_Code_Point}<>:"/\\|?*~]/u;
const ILLEGAL_AT_ENDS = /^[\s._]|[\s.]$/u;

function expectSafeName(name: string): void {
  expect(name).not.toMatch(ILLEGAL);
  expect(name).not.toMatch(ILLEGAL_AT_ENDS);
  expect(name).not.toContain('..');
  expect(name.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i);
}

describe('videoFileName', () => {
  it('names the seed video after its prompt and task id', () => {
    const name = videoFileName({
      id: `task:${seed.taskId}:0`,
      prompt: seed.prompt,
      taskId: seed.taskId,
      videoUrl: seed.video,
    });
    expect(name).toBe('一条狗_8891215448425547870.mp4');
  });

  it('uses "video" when the prompt is missing or sanitizes to nothing', () => {
    expect(videoFileName({ id: 'task:1:0', taskId: '1' })).toBe('video_1.mp4');
    expect(videoFileName({ id: 'task:1:0', taskId: '1', prompt: ' ..\u202e?? ' })).toBe('video_1.mp4');
  });

  it('uses a short stable hash of the entry id when the task id is missing', () => {
    const a = videoFileName({ id: 'url:https://x.test/a.mp4', prompt: 'cat', videoUrl: 'https://x.test/a.mp4' });
    const b = videoFileName({ id: 'url:https://x.test/b.mp4', prompt: 'cat', videoUrl: 'https://x.test/b.mp4' });
    expect(a).toMatch(/^cat_[0-9a-f]{8}\.mp4$/);
    expect(b).not.toBe(a);
    expect(videoFileName({ id: 'url:https://x.test/a.mp4', prompt: 'cat', videoUrl: 'https://x.test/a.mp4' })).toBe(a);
  });

  it('numbers the later videos of one task', () => {
    expect(videoFileName({ id: 'task:7:1', taskId: '7', prompt: 'cat', index: 1 })).toBe('cat_7-2.mp4');
    expect(videoFileName({ id: 'task:7:0', taskId: '7', prompt: 'cat', index: 0 })).toBe('cat_7.mp4');
  });

  it('is a plain file name, never a path', () => {
    const name = videoFileName({ id: 'x', taskId: '../../etc', prompt: '../../Windows/System32/evil' });
    expect(name).not.toMatch(/[/\\]/);
    expectSafeName(name);
  });

  it('prefixes Windows device names, also when the prompt alone makes the name', () => {
    expect(videoFileName({ id: 'task:1:0', taskId: '1', prompt: 'CON' })).toBe('_CON_1.mp4');
    expect(sanitizeFileNamePart('con', 120)).toBe('_con');
  });
});

describe('sanitizeFileNamePart', () => {
  it('leaves no illegal character for any ASCII code point', () => {
    for (let code = 0; code < 0x80; code++) {
      const char = String.fromCharCode(code);
      for (const text of [char, `a${char}b`, `${char}${char}`, `prompt ${char}`]) {
        const part = sanitizeFileNamePart(text, 120);
        expect(part, `code ${code} in ${JSON.stringify(text)}`).not.toMatch(ILLEGAL);
        if (part) expectSafeName(`${part}.mp4`);
      }
    }
    const all = String.fromCharCode(...Array.from({ length: 0x80 }, (_, i) => i));
    expectSafeName(videoFileName({ id: 'x', taskId: all, prompt: all }));
  });

  it('writes % as the fullwidth ％, which browsers save as it is (they write _ for %)', () => {
    expect(sanitizeFileNamePart('50% off 100%', 120)).toBe('50％ off 100％');
    expect(sanitizeFileNamePart('%2e%2e%2f', 120)).toBe('％2e％2e％2f');
  });

  it('keeps CJK and other letters', () => {
    expect(sanitizeFileNamePart('一条狗 в парке, ørret é', 120)).toBe('一条狗 в парке, ørret é');
  });

  it('collapses whitespace runs, tabs and newlines to one space', () => {
    expect(sanitizeFileNamePart('a\t\t b\r\n\u3000c\u00a0d', 120)).toBe('a b c d');
  });

  it.each([['CON'], ['con'], ['Prn'], ['AUX'], ['nul'], ['COM1'], ['lpt9'], ['CON.txt'], ['nul .mp4'], ['COM¹']])(
    'prefixes the reserved name %s',
    (name) => {
      expect(sanitizeFileNamePart(name, 120)).toMatch(/^_/);
    },
  );

  it('leaves names that only start like a device alone', () => {
    expect(sanitizeFileNamePart('CONTEXT', 120)).toBe('CONTEXT');
    expect(sanitizeFileNamePart('com10', 120)).toBe('com10');
  });

  it.each([['..'], ['.'], ['...'], ['. . .'], ['__'], ['']])('reduces %j to nothing', (text) => {
    expect(sanitizeFileNamePart(text, 120)).toBe('');
  });

  it('never lets ".." survive', () => {
    expect(sanitizeFileNamePart('wait.. what...', 120)).toBe('wait. what');
    expect(sanitizeFileNamePart('a.\u200e.b', 120)).toBe('a.b');
    expect(sanitizeFileNamePart('../../secret', 120)).toBe('secret');
  });

  it('trims trailing and leading dots, spaces and underscores', () => {
    expect(sanitizeFileNamePart('  ._a dog._. ', 120)).toBe('a dog');
    expect(sanitizeFileNamePart('end.', 120)).toBe('end');
  });

  it('removes the RTL override and other bidi controls', () => {
    // "evil\u202Ekcod.exe" would display as "evilexe.dock"
    expect(sanitizeFileNamePart('evil\u202ekcod.exe', 120)).toBe('evilkcod.exe');
    const bidi = '\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    expect(sanitizeFileNamePart(`a${bidi}b`, 120)).toBe('ab');
    expect(sanitizeFileNamePart('a\u00ad\ufeff\u200bb', 120)).toBe('ab');
  });

  it('removes noncharacters and lone surrogates', () => {
    expect(sanitizeFileNamePart('a\ufffe\ufdd0\ud800b\udc00', 120)).toBe('ab');
  });

  it('caps a 300-character Chinese prompt at the byte budget on a character boundary', () => {
    const prompt = '一只小狗在草地上奔跑'.repeat(30);
    const part = sanitizeFileNamePart(prompt, PROMPT_MAX_BYTES);
    expect(utf8Bytes(part)).toBeLessThanOrEqual(PROMPT_MAX_BYTES);
    expect(part).toBe(prompt.slice(0, PROMPT_MAX_BYTES / 3));
    const name = videoFileName({ id: 'x', taskId: '8891215448425547870', prompt });
    expect(name).toBe(`${part}_8891215448425547870.mp4`);
    expect(utf8Bytes(name)).toBeLessThan(255);
  });

  it('does not split an emoji at the cap', () => {
    // 'a' + 🐕 (4 bytes, a surrogate pair): a budget of 3 or 4 bytes cannot hold the dog.
    expect(sanitizeFileNamePart('aa🐕', 3)).toBe('aa');
    expect(sanitizeFileNamePart('aa🐕', 5)).toBe('aa');
    expect(sanitizeFileNamePart('aa🐕', 6)).toBe('aa🐕');
    // A skin-toned thumb is one grapheme of two code points (8 bytes): kept whole or not at all.
    expect(sanitizeFileNamePart('a👍🏽', 5)).toBe('a');
    expect(sanitizeFileNamePart('a👍🏽', 9)).toBe('a👍🏽');
    for (let max = 1; max <= 40; max++) {
      const part = sanitizeFileNamePart('狗🐕👍🏽é'.repeat(5), max);
      expect(part).toBe(part.toWellFormed());
      expect(utf8Bytes(part)).toBeLessThanOrEqual(max);
    }
  });
});

describe('videoExtension', () => {
  it.each([
    ['https://x.test/v/a.webm', 'webm'],
    ['https://x.test/v/a.MOV?sig=abc.json', 'mov'],
    ['https://x.test/v/a.m4v#t=1', 'm4v'],
    ['https://x.test/v/a.mp4', 'mp4'],
    ['https://x.test/proxy?id=1.webm', 'mp4'],
    ['https://x.test/v/a.exe', 'mp4'],
    ['not a url', 'mp4'],
    [undefined, 'mp4'],
  ])('%s → %s', (url, extension) => {
    expect(videoExtension(url)).toBe(extension);
  });
});
