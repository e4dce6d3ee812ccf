import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { videoFileName } from '../../../src/download/file-name';
import { SEGMENT_MAX_BYTES, templateFileName, unknownTokens } from '../../../src/settings/file-name-template';
import { createSettingsStore, DEFAULT_SETTINGS, parseSettings } from '../../../src/settings/settings';

/** Property runs take seconds; on a loaded 2-core machine several times more than vitest's 5 s default. */
const PROPERTY_TIMEOUT_MS = 60_000;

const entry = {
  id: 'task:8891215448425547870:0',
  prompt: '一条狗',
  taskId: '8891215448425547870',
  model: 'cogvideox-flash',
  site: 'https://chatglm.cn',
  index: 0,
  // Local time, as {date} and {time} use it.
  createdAt: new Date(2025, 2, 25, 14, 3, 59).getTime(),
  videoUrl: 'https://cdn.example/v/clip.webm?sig=1',
};

const utf8 = (text: string) => new TextEncoder().encode(text).length;
// What Windows, macOS, Linux or Chrome's downloads API refuse in a name.
const ILLEGAL = /[<>:"\\|?*~\p{Cc}\p{Cf}\p{Cs}]/u;
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$) *(?:\.|$)/i;

describe('templateFileName', () => {
  it('fills every placeholder and makes folders at /', () => {
    expect(templateFileName('{site}/{model}/{date} {time} {prompt} #{index} {taskId}', entry)).toBe(
      'chatglm.cn/cogvideox-flash/2025-03-25 14-03-59 一条狗 #1 8891215448425547870.webm',
    );
  });

  it('names like before with the default template', () => {
    expect(templateFileName(DEFAULT_SETTINGS.fileNameTemplate, entry)).toBe(videoFileName(entry));
    const second = { ...entry, index: 1, videoUrl: 'https://cdn.example/a.mp4' };
    expect(templateFileName(DEFAULT_SETTINGS.fileNameTemplate, second)).toBe(videoFileName(second));
    const bare = { ...entry, prompt: undefined, taskId: undefined };
    expect(templateFileName(DEFAULT_SETTINGS.fileNameTemplate, bare)).toBe(videoFileName(bare));
  });

  it('cannot escape the downloads folder or write an empty name', () => {
    expect(templateFileName('../../{prompt}', { ...entry, prompt: '../../etc/passwd' })).toBe('etc passwd.webm');
    expect(templateFileName('/abs/{prompt}', entry)).toBe('abs/一条狗.webm');
    expect(templateFileName('{model}//', { ...entry, model: '..' })).toBe('video.webm');
    expect(templateFileName('con', entry)).toBe('_con.webm');
  });

  it('keeps unknown placeholders as written and reports them', () => {
    expect(unknownTokens('{prompt} {foo} {}')).toEqual(['foo', '']);
    expect(templateFileName('{foo}', entry)).toBe('{foo}.webm');
  });

  it('never gives an illegal name, never goes over the cap, never splits a character', () => {
    const text = fc.string({ unit: fc.constantFrom('grapheme', 'binary', 'grapheme-composite'), maxLength: 400 });
    const template = fc
      .array(fc.oneof(fc.constantFrom('{date}', '{time}', '{prompt}', '{taskId}', '{model}', '{site}', '{index}', '/', '_', ' ', '.'), text), {
        maxLength: 12,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(template, text, text, text, fc.nat(5), (tpl, prompt, taskId, model, index) => {
        const path = templateFileName(tpl, { ...entry, prompt, taskId, model, index });
        const segments = path.split('/');
        expect(segments.length).toBeLessThanOrEqual(5);
        for (const segment of segments) {
          expect(segment).not.toBe('');
          expect(utf8(segment)).toBeLessThanOrEqual(SEGMENT_MAX_BYTES);
          expect(segment).not.toMatch(ILLEGAL);
          expect(segment).not.toMatch(RESERVED);
          expect(segment).not.toMatch(/^[ .]|[ .]$/);
          expect(segment).not.toMatch(/^\.+$/);
          // A lone surrogate is half a character.
          expect(segment.isWellFormed()).toBe(true);
        }
        expect(path).toMatch(/\.(mp4|webm|mov|m4v)$/);
      }),
      { numRuns: 500 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('cuts a long prompt on a whole grapheme', () => {
    // A skin-toned emoji: two code points, one character (ZWJ sequences lose their ZWJ to sanitizing).
    const family = '👍🏽';
    const name = templateFileName('{prompt}', { ...entry, prompt: family.repeat(60) });
    const stem = name.replace(/\.webm$/, '');
    expect(stem.length % family.length).toBe(0);
    expect(utf8(name)).toBeLessThanOrEqual(SEGMENT_MAX_BYTES);
  });
});

describe('parseSettings', () => {
  it('falls back to the defaults field by field', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ fileNameTemplate: '   ' })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ fileNameTemplate: 5 })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ fileNameTemplate: '{date}/{prompt}', other: 1 })).toEqual({ ...DEFAULT_SETTINGS, fileNameTemplate: '{date}/{prompt}' });
    expect(parseSettings({ autoDownload: true, notifyDone: 'yes', keepOffline: true, offlineCapMb: 250 })).toEqual({
      ...DEFAULT_SETTINGS,
      autoDownload: true,
      keepOffline: true,
      offlineCapMb: 250,
    });
    for (const offlineCapMb of [0, -5, 1.5, Number.NaN, 'big', 2_000_000]) {
      expect(parseSettings({ offlineCapMb }).offlineCapMb).toBe(DEFAULT_SETTINGS.offlineCapMb);
    }
  });
});

describe('createSettingsStore', () => {
  it('saves a patch over what is stored now, not over an older read', async () => {
    const data: Record<string, unknown> = {};
    const area = {
      get: async (key: string) => ({ [key]: data[key] }),
      set: async (items: Record<string, unknown>) => void Object.assign(data, items),
    };
    const pageA = createSettingsStore(area);
    const pageB = createSettingsStore(area);
    await pageA.save({ autoDownload: true });
    await pageB.save({ fileNameTemplate: '{site}/{prompt}' });
    expect(await pageA.load()).toEqual({ ...DEFAULT_SETTINGS, autoDownload: true, fileNameTemplate: '{site}/{prompt}' });
  });
});
