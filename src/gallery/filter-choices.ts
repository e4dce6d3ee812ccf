import type { VideoEntry } from '../store/video-entry';
import { appNameFor } from './app-name';
import { galleryFacets } from './gallery-query';
import { t } from '../i18n/t';

/** One `<option>`: its value and its text. */
export type Choice = [value: string, text: string];

/**
 * What the site and model filters offer for `entries`: "every site/model" first, then each value
 * with its count. Apps by the name people know them by, in that name's order.
 */
export function filterChoices(entries: readonly VideoEntry[]): { sites: Choice[]; models: Choice[] } {
  const facets = galleryFacets(entries);
  const sites = facets.sites.map(([key, n]): Choice => [key, t('facetCount', appNameFor(key).label, n)]);
  sites.sort(([, a], [, b]) => a.localeCompare(b));
  return {
    sites: [['', t('allSites')], ...sites],
    models: [['', t('allModels')], ...facets.models.map(([model, n]): Choice => [model, t('facetCount', model, n)])],
  };
}
