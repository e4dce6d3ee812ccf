import { parseHttpUrl } from '../extract/http-url';
import { ENTRY_BOUNDS } from '../store/entry-bounds';
import { linkIdentity, siteTaskEntryId } from '../store/entry-identity';
import type { EntryUpdate } from '../store/merge-entry';
import type { SiteTask } from './extractors/site-extractor';

/** Where a site's response came from; `site` and `pageUrl` come from the browser's sender. */
export interface SiteTaskSource {
  /** The extractor's name: task ids are unique per site only. */
  extractor: string;
  site: string;
  pageUrl: string;
  endpointUrl: string;
  /** Read by the generic task reader (src/sites/generic-task-reader.ts), not by the extractor. */
  generic?: boolean;
}

/** Renditions of one video kept at most (the entry parser accepts no more). */
const MAX_ALTERNATES = 16;
/** A site's failure text is shown as it is, up to this many characters. */
const MAX_FAILURE_TEXT = 500;
const MAX_PROMPT = 20_000;
/** Videos of one task kept at most (a task makes one to four). */
const MAX_VIDEOS_PER_TASK = 16;

export { siteTaskEntryId } from '../store/entry-identity';

/**
 * The entry updates one site task makes: a `done` entry per video; one `generating` (with the
 * site's percent) or `failed` (with its words) entry at index 0 before there is a video. The
 * same records the answer reassembler yields for chat answers, so the store, the gallery and
 * the offline copies need nothing of the site. Extractors are trusted to be pure, not to be
 * right: every URL is checked again, an input image is never kept as a video or a cover, and
 * sizes are bounded.
 */
export function siteTaskUpdates(task: SiteTask, source: SiteTaskSource): EntryUpdate[] {
  const inputImages = task.inputImages.map((url) => parseHttpUrl(url)).filter((url): url is string => url !== undefined);
  const inputs = new Set(inputImages);
  const prompt = task.prompt?.trim().slice(0, MAX_PROMPT);
  const common = {
    site: source.site,
    pageUrl: source.pageUrl,
    endpointUrl: source.endpointUrl,
    source: source.generic ? ('site-generic' as const) : ('site' as const),
    taskId: task.taskId,
    ...(prompt ? { prompt } : {}),
    ...(inputImages[0] ? { inputImageUrl: inputImages[0] } : {}),
    ...(task.model ? { model: task.model.slice(0, 200) } : {}),
  };
  const videos = task.videos
    .map((video) => ({ ...video, url: parseHttpUrl(video.url) }))
    .filter((video): video is typeof video & { url: string } => video.url !== undefined && !inputs.has(video.url))
    .slice(0, MAX_VIDEOS_PER_TASK);

  if (videos.length === 0) {
    const id = siteTaskEntryId(source.extractor, task.taskId, 0);
    if (task.status === 'generating') {
      const percent = boundedPercent(task.percent);
      return [{ ...common, id, index: 0, status: 'generating', ...(percent === undefined ? {} : { percent }) }];
    }
    // A task the site calls done but shows no video for (withheld, or a list without links)
    // failed as far as the user can tell; a later report with the video still makes it done.
    const failureMessage = task.failure?.trim().slice(0, MAX_FAILURE_TEXT);
    return [{ ...common, id, index: 0, status: 'failed', failureReason: 'no-result', ...(failureMessage ? { failureMessage } : {}) }];
  }

  return videos.map((video, index) => {
    const cover = video.cover === undefined ? undefined : parseHttpUrl(video.cover);
    const alternates = [
      ...new Set((video.alternates ?? []).map((url) => parseHttpUrl(url)).filter((url): url is string => url !== undefined)),
    ]
      .filter((url) => url !== video.url && !inputs.has(url))
      .slice(0, MAX_ALTERNATES);
    const link = linkIdentity(video.url);
    return {
      ...common,
      id: siteTaskEntryId(source.extractor, task.taskId, index),
      index,
      // A video the site lists is finished whatever the task says (a list may lag behind).
      status: 'done',
      videoUrl: video.url,
      ...link,
      ...(cover && !inputs.has(cover) ? { coverUrl: cover } : {}),
      ...size('width', video.width, ENTRY_BOUNDS.maxPixels),
      ...size('height', video.height, ENTRY_BOUNDS.maxPixels),
      ...size('durationMs', video.durationMs, ENTRY_BOUNDS.maxDurationMs),
      ...(alternates.length > 0 ? { alternates } : {}),
      ...(video.clean ? { replacesLink: true as const } : {}),
    } satisfies EntryUpdate;
  });
}

function boundedPercent(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return Math.round(Math.min(100, Math.max(0, value)));
}

/** A size the library accepts back from its own export (`parseVideoEntry`): positive, finite, at most `max`. */
function size<K extends 'width' | 'height' | 'durationMs'>(key: K, value: number | undefined, max: number): Partial<Record<K, number>> {
  return value !== undefined && Number.isFinite(value) && value > 0 && Math.round(value) <= max && Math.round(value) > 0 ? ({ [key]: Math.round(value) } as Record<K, number>) : {};
}
