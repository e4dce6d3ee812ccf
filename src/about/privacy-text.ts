import english from '../../PRIVACY.md?raw';
import chinese from '../../PRIVACY.zh_CN.md?raw';

/**
 * The privacy policy shipped in the package, in the catalog's language: PRIVACY.md and
 * PRIVACY.zh_CN.md are the one text, shown by the About page and read on the source host alike.
 */
export function privacyText(catalogLocale: string): string {
  return catalogLocale.toLowerCase().startsWith('zh') ? chinese : english;
}
