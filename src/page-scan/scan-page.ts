/**
 * What one frame reports about the videos it shows. Untrusted wherever it is read: the page can
 * shape its DOM and its `performance` records as it likes, so `parsePageScan` checks it all.
 */
export interface RawFrameScan {
  /** `location.href` of the frame. */
  pageUrl: string;
  title: string;
  items: RawScanItem[];
}

/**
 * One thing in a frame that may be a video. `video`: a `<video>`'s `currentSrc`, `src` or a
 * `<source>`; `link`: an `<a href>` (its text as `label`); `resource`: a media entry of the
 * frame's resource timing; `stream`: a `<video>` playing from a `blob:` URL or a `MediaStream`,
 * which has no file address (no `url`).
 */
export interface RawScanItem {
  kind: 'video' | 'link' | 'resource' | 'stream';
  url: string;
  poster?: string;
  label?: string;
  prompt?: string;
}

/**
 * Reads the videos of the frame it runs in; injected by `scripting.executeScript` into every
 * frame of the tab, so it must be self-contained (no imports, no outer variables: only its
 * source is sent). It only reads: no element, attribute, style or listener of the page changes,
 * nothing is fetched, and every string is cut to a bounded length.
 *
 * The prompt of a video is the text of the chat turn before it, found in this order: the
 * nearest preceding element marked as the user's message (`data-message-author-role="user"`,
 * `data-role="user"`, a class naming `user`/`human`/`question`/`prompt`), else the text of the
 * nearest preceding sibling (of the video or of one of its nearest ancestors) that has any and
 * holds no link (an answer's text, not a question).
 */
export function scanFrame(): RawFrameScan {
  const MAX_ITEMS = 300;
  const MAX_URL = 4096;
  const MAX_TEXT = 500;
  const VIDEO_FILE = /\.(?:mp4|webm|mov|m4v|mkv|avi|ogv)(?:$|[?#])/i;
  const VIDEO_WORD = /视频|影片|video/i;
  const USER_TURN =
    '[data-message-author-role="user"],[data-role="user"],[data-author="user"],[class*="user-message"],[class*="human"],[class*="question"],[class*="prompt"]';
  const items: RawScanItem[] = [];
  const text = (value: string | null | undefined, max = MAX_TEXT): string =>
    (value ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
  const absolute = (value: string | null | undefined): string => {
    if (!value) return '';
    try {
      return new URL(value, document.baseURI).href.slice(0, MAX_URL + 1);
    } catch {
      return '';
    }
  };
  const push = (item: RawScanItem): void => {
    if (items.length < MAX_ITEMS) items.push(item);
  };

  const userTurns = Array.from(document.querySelectorAll(USER_TURN)).slice(0, 2000);
  const promptFor = (element: Element): string => {
    for (let index = userTurns.length - 1; index >= 0; index--) {
      const turn = userTurns[index];
      // Following: the turn comes before the element; a turn holding the element is not "before" it.
      if (turn && turn.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING && !turn.contains(element)) {
        const said = text(turn.textContent);
        if (said) return said;
      }
    }
    let node: Element | null = element;
    for (let depth = 0; node && depth < 6; depth++, node = node.parentElement) {
      let sibling = node.previousElementSibling;
      for (let steps = 0; sibling && steps < 10; steps++, sibling = sibling.previousElementSibling) {
        if (sibling.matches('script,style,template,noscript')) continue;
        const said = text(sibling.textContent);
        // Text with links in it is an answer (or a list of them), not what the user asked.
        if (said.length >= 2 && !/https?:\/\//i.test(said)) return said;
      }
    }
    return '';
  };

  for (const video of Array.from(document.querySelectorAll('video')).slice(0, 200)) {
    const poster = absolute(video.getAttribute('poster'));
    const prompt = promptFor(video);
    const sources = [video.currentSrc, video.getAttribute('src')];
    for (const source of Array.from(video.querySelectorAll('source')).slice(0, 10)) sources.push(source.getAttribute('src'));
    let kept = false;
    const seen = new Set<string>();
    for (const source of sources) {
      const url = absolute(source);
      if (!url || seen.has(url)) continue;
      seen.add(url);
      if (/^https?:/i.test(url)) {
        push({ kind: 'video', url, ...(poster && { poster }), ...(prompt && { prompt }) });
        kept = true;
      }
    }
    // MediaSource and MediaStream playback have no file behind them to keep.
    if (!kept && (Boolean(video.srcObject) || /^blob:/i.test(video.currentSrc || video.getAttribute('src') || ''))) {
      push({ kind: 'stream', url: '' });
    }
  }

  for (const link of Array.from(document.querySelectorAll('a[href]')).slice(0, 5000)) {
    const url = absolute(link.getAttribute('href'));
    const label = text(link.textContent, 200);
    if (!/^https?:/i.test(url) || !(VIDEO_FILE.test(url) || VIDEO_WORD.test(label))) continue;
    const prompt = promptFor(link);
    push({ kind: 'link', url, ...(label && { label }), ...(prompt && { prompt }) });
  }

  const resources = typeof performance.getEntriesByType === 'function' ? performance.getEntriesByType('resource') : [];
  for (const entry of resources.slice(-2000)) {
    const initiator = (entry as PerformanceResourceTiming).initiatorType;
    if ((initiator === 'video' || VIDEO_FILE.test(entry.name)) && /^https?:/i.test(entry.name)) {
      push({ kind: 'resource', url: entry.name.slice(0, MAX_URL + 1) });
    }
  }

  return { pageUrl: location.href.slice(0, MAX_URL + 1), title: text(document.title, 300), items };
}
