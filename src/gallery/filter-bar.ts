import type { VideoEntry } from '../store/video-entry';
import type { DateFilter, GalleryQuery } from './gallery-query';
import type { GalleryControls } from './gallery-controls';
import { filterChoices } from './filter-choices';
import { chooseOption, fillOptions } from './select-options';
import { t } from '../i18n/t';

export interface FilterBar {
  /** The toolbar, `role="search"`. */
  element: HTMLElement;
  /** The search field, which `/` jumps to. */
  search: HTMLInputElement;
  /** Offers the sites and models of `entries` and shows `query` in every field. */
  fill(entries: readonly VideoEntry[], query: GalleryQuery): void;
  /** Shows or hides the custom days for `query`, with its days filled in. */
  showDateRange(query: GalleryQuery): void;
}

/**
 * The full gallery's search and filters: the prompt search, site, model, status, date (with the
 * custom days) and sort. Each edit reports the part of the query it changed to `onChange`.
 */
export function createFilterBar(controls: GalleryControls, query: GalleryQuery, onChange: (next: Partial<GalleryQuery>) => void): FilterBar {
  const { el, select, dayInput } = controls;
  const toolbar = el('div', 'gallery-toolbar');
  toolbar.setAttribute('role', 'search');
  const search = controls.doc.createElement('input');
  search.type = 'search';
  search.className = 'gallery-search';
  search.placeholder = t('searchPrompts');
  search.setAttribute('aria-label', t('searchPrompts'));
  search.value = query.search;
  const siteFilter = select('site', t('filterSite'));
  const modelFilter = select('model', t('filterModel'));
  const statusFilter = select('status', t('filterStatus'));
  fillOptions(statusFilter, [
    ['', t('allStatuses')],
    ['done', t('statusDone')],
    ['generating', t('statusGenerating')],
    ['partial', t('statusPartial')],
    ['failed', t('statusFailed')],
    ['expired', t('linkExpired')],
  ]);
  const dateFilter = select('date', t('filterDate'));
  fillOptions(dateFilter, [
    ['', t('dateAnyTime')],
    ['today', t('dateToday')],
    ['7d', t('dateLast7Days')],
    ['30d', t('dateLast30Days')],
    ['custom', t('dateCustom')],
  ]);
  const dateRange = el('span', 'gallery-date-range');
  const fromDay = dayInput('from', t('dateFrom'));
  const toDay = dayInput('to', t('dateTo'));
  dateRange.append(fromDay, ' – ', toDay);
  const sort = select('sort', t('sortLabel'));
  fillOptions(sort, [
    ['newest', t('newestFirst')],
    ['oldest', t('oldestFirst')],
  ]);
  toolbar.append(search, siteFilter, modelFilter, statusFilter, dateFilter, dateRange, sort);

  search.addEventListener('input', () => onChange({ search: search.value }));
  siteFilter.addEventListener('change', () => onChange({ site: siteFilter.value }));
  modelFilter.addEventListener('change', () => onChange({ model: modelFilter.value }));
  statusFilter.addEventListener('change', () => onChange({ status: statusFilter.value as GalleryQuery['status'] }));
  dateFilter.addEventListener('change', () => onChange({ date: dateFilter.value as DateFilter }));
  fromDay.addEventListener('change', () => onChange({ from: fromDay.value }));
  toDay.addEventListener('change', () => onChange({ to: toDay.value }));
  sort.addEventListener('change', () => onChange({ sort: sort.value === 'oldest' ? 'oldest' : 'newest' }));

  function showDateRange(current: GalleryQuery): void {
    dateRange.hidden = current.date !== 'custom';
    fromDay.value = current.from;
    toDay.value = current.to;
    // The pickers offer only days that make a forward range; a typed backwards one still works.
    setOrRemove(fromDay, 'max', current.to);
    setOrRemove(toDay, 'min', current.from);
  }

  return {
    element: toolbar,
    search,
    fill(entries, current) {
      const choices = filterChoices(entries);
      fillOptions(siteFilter, choices.sites);
      fillOptions(modelFilter, choices.models);
      chooseOption(siteFilter, current.site);
      chooseOption(modelFilter, current.model);
      chooseOption(statusFilter, current.status);
      chooseOption(dateFilter, current.date);
      chooseOption(sort, current.sort);
      showDateRange(current);
    },
    showDateRange,
  };
}

function setOrRemove(target: HTMLElement, attribute: string, value: string): void {
  if (value) target.setAttribute(attribute, value);
  else target.removeAttribute(attribute);
}
