import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/t';

const LOCALES = new URL('../../../assets/public/_locales/', import.meta.url);
type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const catalog = (locale: string): Catalog =>
  JSON.parse(readFileSync(new URL(`${locale}/messages.json`, LOCALES), 'utf8')) as Catalog;

describe('the message catalogs', () => {
  it('has en and zh_CN with the same messages and the same placeholders', () => {
    expect(readdirSync(LOCALES).sort()).toEqual(['en', 'zh_CN']);
    const en = catalog('en');
    const zh = catalog('zh_CN');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [name, entry] of Object.entries(en)) {
      expect(zh[name]?.placeholders, name).toEqual(entry.placeholders);
      for (const placeholder of Object.keys(entry.placeholders ?? {})) {
        expect(zh[name]?.message, name).toContain(`$${placeholder.toUpperCase()}$`);
      }
      expect(name).toMatch(/^[A-Za-z0-9_]+$/);
    }
  });

  it('names only messages the catalog has in the UI modules', () => {
    const en = catalog('en');
    const sources = ['src/gallery', 'src/sites', 'src/settings', 'src/library'].flatMap((dir) =>
      readdirSync(new URL(`../../../${dir}/`, import.meta.url))
        .filter((file) => file.endsWith('.ts'))
        .map((file) => readFileSync(new URL(`../../../${dir}/${file}`, import.meta.url), 'utf8')),
    );
    const used = sources.flatMap((source) => [...source.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)].map((match) => match[1]!));
    expect(used.length).toBeGreaterThan(50);
    for (const name of used) expect(en, name).toHaveProperty(name);
  });

  it('fills substitutions from the English catalog outside the extension', () => {
    expect(t('showingCount', 60, 10000)).toBe('Showing 60 of 10000 videos');
    expect(t('templateInsert', '{date}', 'capture date')).toBe('Insert {date}: capture date');
    expect(t('download')).toBe('Download');
  });
});
