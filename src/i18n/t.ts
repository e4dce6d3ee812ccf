import english from '../../assets/public/_locales/en/messages.json';

/** Every message name of assets/public/_locales (written by assets/build_locales.py). */
export type MessageName = keyof typeof english;

interface I18nApi {
  getMessage(name: string, substitutions?: string[]): string;
  getUILanguage?(): string;
}

// The languages of assets/public/_locales, as BCP 47 tags (test/unit/i18n checks the folders).
const CATALOG_LANGUAGES = ['en', 'zh-CN'];

// `chrome.i18n` in Chrome and Firefox alike (Firefox aliases `chrome`); absent in unit tests and
// any non-extension context, where the English catalog answers.
const i18n = (globalThis as { chrome?: { i18n?: I18nApi } }).chrome?.i18n;

/**
 * The user-visible text `name` in the browser's language (en or zh_CN, else en), with `$1`…
 * filled from `substitutions`. The one way UI modules get their words.
 */
export function t(name: MessageName, ...substitutions: Array<string | number>): string {
  const values = substitutions.map(String);
  try {
    const text = i18n?.getMessage(name, values);
    if (text) return text;
  } catch {
    // A context without the extension's catalog: fall back to English below.
  }
  const entry = english[name] as { message: string; placeholders?: Record<string, { content: string }> };
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, placeholder: string) => {
    const content = entry.placeholders?.[placeholder.toLowerCase()]?.content ?? whole;
    return content.replace(/\$(\d)/g, (_match, digit: string) => values[Number(digit) - 1] ?? '');
  });
}

/**
 * The language the words of `t` are in, as a tag for `Intl` (`zh-CN`, `en-GB`): the browser's UI
 * language when the extension has a catalog for it, else `en`, the catalog the browser falls back
 * to (so a French browser gets "5 minutes ago" beside the English words, not "il y a 5 minutes").
 */
export function uiLocale(): string {
  let tag: string;
  try {
    // `Intl.getCanonicalLocales` also refuses a malformed tag, which would throw in `Intl` later.
    tag = Intl.getCanonicalLocales(i18n?.getUILanguage?.().replace(/_/g, '-') || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
  // Chrome and Firefox pick the catalog of the exact locale, else of its language, else the default.
  const has = (candidate: string): boolean =>
    CATALOG_LANGUAGES.some((language) => language.toLowerCase() === candidate.toLowerCase());
  return has(tag) || has(tag.split('-')[0] ?? '') ? tag : 'en';
}

/**
 * Fills static page text from the catalog: `data-i18n="name"` sets the text,
 * `data-i18n-attr="attr:name"` an attribute.
 */
export function localizePage(doc: Document): void {
  doc.documentElement.lang = uiLocale();
  // getAttribute, not dataset: linkedom (the unit tests' DOM) reads `dataset.i18n` as null.
  for (const element of Array.from(doc.querySelectorAll<HTMLElement>('[data-i18n]'))) {
    element.textContent = t(element.getAttribute('data-i18n') as MessageName);
  }
  for (const element of Array.from(doc.querySelectorAll<HTMLElement>('[data-i18n-attr]'))) {
    const [attribute, name] = (element.getAttribute('data-i18n-attr') ?? '').split(':');
    if (attribute && name) element.setAttribute(attribute, t(name as MessageName));
  }
}
