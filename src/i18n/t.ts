import english from '../../assets/public/_locales/en/messages.json';

/** Every message name of assets/public/_locales (written by assets/build_locales.py). */
export type MessageName = keyof typeof english;

interface I18nApi {
  getMessage(name: string, substitutions?: string[]): string;
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
 * Fills static page text from the catalog: `data-i18n="name"` sets the text,
 * `data-i18n-attr="attr:name"` an attribute.
 */
export function localizePage(doc: Document): void {
  doc.documentElement.lang = i18n?.getMessage('@@ui_locale').replace('_', '-') || 'en';
  for (const element of Array.from(doc.querySelectorAll<HTMLElement>('[data-i18n]'))) {
    element.textContent = t(element.dataset.i18n as MessageName);
  }
  for (const element of Array.from(doc.querySelectorAll<HTMLElement>('[data-i18n-attr]'))) {
    const [attribute, name] = (element.dataset.i18nAttr ?? '').split(':');
    if (attribute && name) element.setAttribute(attribute, t(name as MessageName));
  }
}
