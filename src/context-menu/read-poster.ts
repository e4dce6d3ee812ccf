/**
 * The `poster` of the `<video>` in this frame that plays `source`, as an absolute URL, or ''.
 * Injected by `scripting.executeScript` into the frame of a context-menu click (the click grants
 * `activeTab`), so it is self-contained and only reads.
 */
export function readVideoPoster(source: string): string {
  for (const video of Array.from(document.querySelectorAll('video')).slice(0, 500)) {
    const sources = [video.currentSrc, video.src, ...Array.from(video.querySelectorAll('source')).map((item) => item.src)];
    if (!sources.includes(source)) continue;
    const poster = video.getAttribute('poster');
    if (!poster) return '';
    try {
      return new URL(poster, document.baseURI).href.slice(0, 4097);
    } catch {
      return '';
    }
  }
  return '';
}
