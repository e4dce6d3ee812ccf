import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/t';

const ROOT = new URL('../../../', import.meta.url);
const LOCALES = new URL('assets/public/_locales/', ROOT);
type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const catalog = (locale: string): Catalog =>
  JSON.parse(readFileSync(new URL(`${locale}/messages.json`, LOCALES), 'utf8')) as Catalog;
const en = catalog('en');
const zh = catalog('zh_CN');

/** `$ARG1$`… as written in a message, sorted. */
const placeholdersIn = (message: string): string[] => [...message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((match) => match[1]!).sort();

/** Every file under `dir` (relative to the project) whose name ends with one of `extensions`. */
function sourceFiles(dir: string, extensions: string[]): Array<{ path: string; text: string }> {
  return readdirSync(new URL(`${dir}/`, ROOT), { recursive: true, encoding: 'utf8' })
    .filter((file) => extensions.some((extension) => file.endsWith(extension)))
    .map((file) => ({ path: `${dir}/${file}`, text: readFileSync(new URL(`${dir}/${file}`, ROOT), 'utf8') }));
}

// Comments (`data-i18n="name"` in a TSDoc line) name no message.
const withoutComments = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const code = [...sourceFiles('src', ['.ts']), ...sourceFiles('entrypoints', ['.ts'])].map(({ path, text }) => ({
  path,
  text: withoutComments(text),
}));
const pages = sourceFiles('entrypoints', ['.html']);

/** Message names a source text asks for: `t('name'…)`, `t(cond ? 'a' : 'b'…)`, data-i18n, `__MSG_name__`. */
function namesUsedIn(text: string): string[] {
  return [
    ...[...text.matchAll(/\bt\(\s*'([^']*)'/g)].map((match) => match[1]!),
    ...[...text.matchAll(/\bt\(\s*[^'(),]*\?\s*'([^']*)'\s*:\s*'([^']*)'/g)].flatMap((match) => [match[1]!, match[2]!]),
    ...[...text.matchAll(/\bdata-i18n="([^"]*)"/g)].map((match) => match[1]!),
    ...[...text.matchAll(/\bdata-i18n-attr="[^":]*:([^"]*)"/g)].map((match) => match[1]!),
    ...[...text.matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]!),
  ];
}

describe('the message catalogs', () => {
  it('has en and zh_CN with the same messages', () => {
    expect(readdirSync(LOCALES).sort()).toEqual(['en', 'zh_CN']);
    expect(Object.keys(zh)).toEqual(Object.keys(en));
    for (const name of Object.keys(en)) expect(name).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('gives every zh_CN message the placeholders of its en message, each defined', () => {
    for (const [name, entry] of Object.entries(en)) {
      const chinese = zh[name];
      expect(chinese?.placeholders, name).toEqual(entry.placeholders);
      const used = [...new Set(placeholdersIn(entry.message))];
      expect([...new Set(placeholdersIn(chinese?.message ?? ''))], name).toEqual(used);
      expect(used.map((placeholder) => placeholder.toLowerCase()), name).toEqual(Object.keys(entry.placeholders ?? {}).sort());
    }
  });

  it('has Chinese words in every zh_CN message (no English left over)', () => {
    expect(zh.catalogLocale?.message).toBe('zh-CN');
    for (const [name, entry] of Object.entries(zh)) {
      // catalogLocale is a language tag, for Intl, never shown.
      if (name === 'catalogLocale') continue;
      // A message of placeholders and punctuation only (`$1，$2`) has no words to translate, but
      // any Latin word left in it would be English.
      const words = entry.message.replace(/\$[A-Z0-9_]+\$/g, '');
      if (/[\u3400-\u9fff]/.test(words)) continue;
      expect(words, name).not.toMatch(/[A-Za-z]/);
    }
  });

  it('was written from every message of assets/build_locales.py', () => {
    // A message added to the script but not rebuilt (python3 assets/build_locales.py) is missing here.
    const script = readFileSync(new URL('assets/build_locales.py', ROOT), 'utf8');
    const names = [...script.matchAll(/^ {4}"([A-Za-z0-9_]+)": \(/gm)].map((match) => match[1]!);
    expect(Object.keys(en)).toEqual(names);
  });
});

describe('the names the code asks for', () => {
  it('are all in the catalog, in every module under src/ and entrypoints/ and on every page', () => {
    const used = [...code, ...pages].flatMap(({ path, text }) => namesUsedIn(text).map((name) => ({ path, name })));
    // The scan reaches the gallery, the downloads, the library, the sites and the pages.
    for (const name of ['statusGeneratingProgress', 'downloadGone', 'libraryFileForeign', 'siteNotAllowed', 'namesTitle']) {
      expect(used.map((use) => use.name)).toContain(name);
    }
    expect(used.length).toBeGreaterThan(100);
    for (const { path, name } of used) expect(en, `${path}: ${name}`).toHaveProperty(name);
  });

  it('leaves no message unused', () => {
    const texts = [...code, ...pages, { path: 'wxt.config.ts', text: readFileSync(new URL('wxt.config.ts', ROOT), 'utf8') }];
    for (const name of Object.keys(en)) {
      const quoted = new RegExp(`['"\`:]${name}['"\`]|__MSG_${name}__`);
      expect(
        texts.some(({ text }) => quoted.test(text)),
        `${name} is in the catalog but no source names it`,
      ).toBe(true);
    }
  });

  it('finds names in the forms the code writes them', () => {
    expect(
      namesUsedIn(`t('download'); t(n > 1 ? 'templateUnknown' : 'templateUnknownOne', names); <b data-i18n="x"></b>`),
    ).toEqual(['download', 'templateUnknown', 'templateUnknownOne', 'x']);
    expect(namesUsedIn(`<i data-i18n-attr="aria-label:thisSite"></i> '__MSG_extName__'`)).toEqual(['thisSite', 'extName']);
  });
});

describe('t outside the extension', () => {
  it('fills substitutions from the English catalog', () => {
    expect(t('showingCount', 60, 10000)).toBe('Showing 60 of 10000 videos');
    expect(t('templateInsert', '{date}', 'capture date')).toBe('Insert {date}: capture date');
    expect(t('download')).toBe('Download');
  });

  it('keeps `$` in a substitution as written', () => {
    expect(t('downloadNotStarted', 'costs $1 and $$')).toBe('The download did not start: costs $1 and $$');
  });
});
