/** The full gallery's two layouts: cover cards in a grid, or compact rows in a list. */
export type GalleryView = 'grid' | 'list';

/**
 * `storage.local` key of the view last chosen in the full gallery. The view is a preference,
 * not a filter, so it is kept in storage rather than in the URL: the gallery opened from the
 * popup (no query string) comes back in the view the user left it in.
 */
export const GALLERY_VIEW_KEY = 'galleryView';

/** A stored view, or `grid` for anything else (nothing stored yet, a value of a later version). */
export function parseGalleryView(value: unknown): GalleryView {
  return value === 'list' ? 'list' : 'grid';
}
