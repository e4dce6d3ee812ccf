import english from '../../assets/public/_locales/en/messages.json';

/** Every message name of assets/public/_locales (written by assets/build_locales.py). */
export type MessageName = keyof typeof english;

interface I18nApi {
  getMessage(name: string, substitutions?: string[]): string;
  getUILanguage?(): string;
}

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
 * The language the words of `t` are in, as a tag for `Intl` (`zh-CN`, `en-GB`): the catalog's own
 * (`catalogLocale`), refined to the browser's UI language when that is a variant of it. So a
 * French browser, which gets the English catalog, gets "5 minutes ago", not "il y a 5 minutes".
 */
export function uiLocale(): string {
  // The catalog names its language because the browser's UI language can disagree with the
  // catalog getMessage answers from: headless Chromium with --lang=zh-CN reports en-US.
  const catalog = t('catalogLocale');
  let browser = '';
  try {
    browser = i18n?.getUILanguage?.().replace(/_/g, '-') ?? '';
  } catch {
    // WXT's fake browser in unit tests has no getUILanguage: the catalog's language answers.
  }
  const language = (tag: string): string => (tag.split('-')[0] ?? '').toLowerCase();
  for (const candidate of language(browser) === language(catalog) ? [browser, catalog] : [catalog]) {
    try {
      // Also refuses a malformed tag, which `Intl` formatters would throw on later.
      const [canonical] = Intl.getCanonicalLocales(candidate);
      if (canonical) return canonical;
    } catch {
      // Next candidate.
    }
  }
  return 'en';
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
