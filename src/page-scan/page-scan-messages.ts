import { t } from '../i18n/t';

/** "3 videos on this page.", in the catalog's singular, plural or none. */
export function foundVideosMessage(count: number): string {
  return count === 0 ? t('foundNoVideos') : count === 1 ? t('foundOneVideo') : t('foundVideos', count);
}

/** "Kept 2 videos.", or that the library had them all already. */
export function keptVideosMessage(added: number): string {
  return added === 0 ? t('keptNothingNew') : added === 1 ? t('keptOneVideo') : t('keptVideos', added);
}
