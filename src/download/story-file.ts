import { writeMp4Story } from '../mp4/mp4-metadata';
import type { VideoEntry } from '../store/video-entry';
import { entryStory } from './video-story';

/** How a download of an entry's bytes is made. */
export interface StoryFileOptions {
  /** Write the entry's story into the MP4 (options → Downloads). */
  embed?: boolean;
  /** With no copy kept, fetch the video to embed the story (only where the extension may read the host). */
  fetch?: boolean;
}

export interface StoryFileDeps {
  /** The kept copy of an entry's video (src/offline), if any. */
  copy(id: string): Promise<Blob | undefined>;
  entry(id: string): Promise<VideoEntry | undefined>;
  /** The video at `url`, read whole (`fetchMedia` within the copy size limit), or undefined. */
  fetchVideo(url: string, site: string): Promise<Blob | undefined>;
}

/**
 * The file a download of entry `id` saves when its bytes can be read: its kept copy, or the
 * video fetched for the purpose, with its story written in when asked (an MP4 the editor
 * cannot rewrite is saved as it is). Undefined when neither can be had: the link is downloaded.
 */
export async function storyFile(id: string, options: StoryFileOptions, deps: StoryFileDeps): Promise<Blob | undefined> {
  const copy = await deps.copy(id);
  if (!options.embed) return copy;
  const entry = await deps.entry(id);
  if (!entry) return copy;
  const source = copy ?? (options.fetch && entry.videoUrl ? await deps.fetchVideo(entry.videoUrl, entry.site) : undefined);
  if (!source) return undefined;
  return (await writeMp4Story(source, entryStory(entry)).catch(() => undefined)) ?? source;
}
