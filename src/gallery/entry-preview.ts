/** How an entry's cover previews its video. */
export interface EntryPreviewOptions {
  /** What plays: an offline copy's `blob:` URL or a checked, unexpired http(s) link. */
  url: string;
  /**
   * The full gallery's click-to-play: the cover becomes a button with this accessible name,
   * and pressing it puts a player with controls in place of the cover.
   */
  playerLabel?: string;
}

/**
 * Previews `url` in `frame` (the box around the cover of `item`): a muted loop over the cover
 * while the pointer is on the entry or focus is inside it, gone again after; and, with
 * `playerLabel`, a click-to-play player. One state machine, so the loop never plays over
 * the player.
 */
export function addEntryPreview(item: HTMLElement, frame: HTMLElement, options: EntryPreviewOptions): void {
  const doc = item.ownerDocument;
  let loop: HTMLVideoElement | undefined;
  let hovered = false;
  let focused = false;

  const update = (): void => {
    const wanted = (hovered || focused) && !frame.querySelector('.entry-player') && !prefersReducedMotion(doc);
    if (wanted && !loop) {
      loop = createLoop(doc, options.url);
      frame.append(loop);
      startPlaying(loop);
    } else if (!wanted && loop) {
      stopLoading(loop);
      loop.remove();
      loop = undefined;
    }
  };

  item.addEventListener('pointerenter', () => {
    hovered = true;
    update();
  });
  // A redraw under a resting pointer gets no pointerenter; the next move starts the loop.
  item.addEventListener('pointermove', () => {
    if (hovered) return;
    hovered = true;
    update();
  });
  item.addEventListener('pointerleave', () => {
    hovered = false;
    update();
  });
  item.addEventListener('focusin', () => {
    focused = true;
    update();
  });
  item.addEventListener('focusout', (event) => {
    // Focus moving between the entry's own buttons keeps the loop going.
    const next = event.relatedTarget as Node | null;
    if (next && item.contains(next)) return;
    focused = false;
    update();
  });

  if (options.playerLabel === undefined) return;
  const cover = frame.firstElementChild;
  if (!cover) return;
  const play = doc.createElement('button');
  play.className = 'entry-preview';
  play.type = 'button';
  play.dataset.action = 'preview';
  play.setAttribute('aria-label', options.playerLabel);
  cover.replaceWith(play);
  play.append(cover);
  // Like cat-catch's preview: the cover becomes a player in place, so a video can be checked
  // before it is downloaded.
  play.addEventListener('click', () => {
    const player = doc.createElement('video');
    player.className = 'entry-cover entry-player';
    player.controls = true;
    player.autoplay = true;
    player.muted = true;
    player.setAttribute('referrerpolicy', 'no-referrer');
    player.setAttribute('src', options.url);
    play.replaceWith(player);
    update();
    player.focus();
  });
}

/**
 * The muted loop. It is made on the first hover, not with the cover: a page of 60 covers then
 * holds no idle media elements and loads no video bytes until one is hovered.
 */
function createLoop(doc: Document, url: string): HTMLVideoElement {
  const video = doc.createElement('video');
  video.className = 'entry-hover-preview';
  // The property is what autoplay policies read; the attribute keeps it visible in the DOM.
  video.muted = true;
  video.setAttribute('muted', '');
  video.loop = true;
  video.playsInline = true;
  video.setAttribute('playsinline', '');
  video.preload = 'auto';
  // CDNs of video models often refuse hotlinks that carry the extension's origin as referrer.
  video.setAttribute('referrerpolicy', 'no-referrer');
  // The same picture as the cover under it: nothing new for a screen reader.
  video.setAttribute('aria-hidden', 'true');
  video.tabIndex = -1;
  // Shown only once frames arrive, so a slow link never blanks the cover.
  video.addEventListener('playing', () => video.classList.add('is-playing'), { once: true });
  video.setAttribute('src', url);
  return video;
}

function startPlaying(video: HTMLVideoElement): void {
  // linkedom (the unit tests) has no media methods. A refused play (a link that broke, a
  // pointer that already left) only means the cover stays.
  video.play?.().catch(() => undefined);
}

/** Pauses and drops the source, which also closes the connection a half-loaded video keeps open. */
function stopLoading(video: HTMLVideoElement): void {
  video.pause?.();
  video.removeAttribute('src');
  video.load?.();
}

function prefersReducedMotion(doc: Document): boolean {
  return doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
