import { parseHttpUrl } from './http-url';
import { linkKind } from './link-kind';

/** The task a video model echoes first: `> VideoTask(id=…, image_url=…, prompt=…)`. */
export interface VideoTask {
  id: string;
  prompt: string;
  /** Input image of image-to-video; never a result. */
  inputImageUrl?: string;
}

export interface AnswerVideo {
  videoUrl: string;
  coverUrl?: string;
}

/** Everything known about an answer so far. */
export interface VideoAnswer {
  task?: VideoTask;
  /** Progress marks (🔥) streamed so far. */
  progress: number;
  /** The progress link closed (`)🎉🎉🎉`): the producer reported success. */
  succeeded: boolean;
  videos: AnswerVideo[];
}

export interface VideoAnswerReader {
  /** Appends answer text; returns true when the answer's state changed. */
  push(text: string): boolean;
  /** The answer is complete: reads the last line. Returns true when the state changed. */
  end(): boolean;
  readonly answer: VideoAnswer;
}

const TASK_LINE = /VideoTask\(id=([A-Za-z0-9_.:-]{1,128}),\s*image_url=(.*?),\s*prompt=(.*)\)\s*$/;
const PROGRESS_OPEN = '任务进度](';
const PROGRESS_MARK = /🔥/g;
const PROGRESS_HINT = /🔥|🎉/;
const LINK = /(!?)\[([^\]\n]{0,200})\]\(\s*<?(https?:\/\/[^\s)>]+)>?\s*\)/g;
/** A line longer than this cannot be a link line of an answer; it is skipped, not buffered. */
const MAX_LINE = 64 * 1024;
const MAX_PROMPT = 4000;
/** One answer holding more videos than this is hostile, not generous. */
const MAX_VIDEOS = 64;

/**
 * Incremental reader of a video model's markdown answer, line by line, so a long answer
 * costs linear time. It recognises the task line, counts progress marks (also in the line
 * still streaming) and collects each video link with the cover that precedes it.
 */
export function createVideoAnswerReader(): VideoAnswerReader {
  const answer: VideoAnswer = { progress: 0, succeeded: false, videos: [] };
  const seenVideos = new Set<string>();
  let pendingCover: string | undefined;
  let partial = '';
  let skippingLongLine = false;

  const readLine = (line: string): boolean => {
    if (!answer.task) {
      const task = TASK_LINE.exec(line);
      if (task) {
        const [, id = '', image = '', prompt = ''] = task;
        const inputImageUrl = parseHttpUrl(image.trim());
        answer.task = { id, prompt: prompt.trim().slice(0, MAX_PROMPT), ...(inputImageUrl ? { inputImageUrl } : {}) };
        // The echo holds the user's prompt: links in it are input, never results.
        return true;
      }
    }
    let changed = readProgress(line);
    for (const match of line.matchAll(LINK)) {
      const url = parseHttpUrl(match[3]);
      if (!url || url === answer.task?.inputImageUrl) continue;
      const kind = linkKind(match[2] ?? '', url);
      if (kind === 'cover') {
        if (!seenVideos.has(url)) pendingCover = url;
      } else if (kind === 'video' && !seenVideos.has(url) && answer.videos.length < MAX_VIDEOS) {
        seenVideos.add(url);
        answer.videos.push(pendingCover ? { videoUrl: url, coverUrl: pendingCover } : { videoUrl: url });
        pendingCover = undefined;
        changed = true;
      }
    }
    return changed;
  };

  const readProgress = (line: string): boolean => {
    const open = line.indexOf(PROGRESS_OPEN);
    if (open < 0) return false;
    const marks = line.slice(open).match(PROGRESS_MARK)?.length ?? 0;
    let changed = false;
    if (marks > answer.progress) {
      answer.progress = marks;
      changed = true;
    }
    if (!answer.succeeded && /\)\s*🎉/.test(line.slice(open))) {
      answer.succeeded = true;
      changed = true;
    }
    return changed;
  };

  const settleCover = (): boolean => {
    // A cover written after its video (other producers do) goes to the last video without one.
    if (!pendingCover) return false;
    const cover = pendingCover;
    pendingCover = undefined;
    const lonely = [...answer.videos].reverse().find((video) => !video.coverUrl);
    if (!lonely) return false;
    lonely.coverUrl = cover;
    return true;
  };

  return {
    answer,
    push(text) {
      let changed = false;
      let start = 0;
      for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
        const piece = text.slice(start, newline);
        start = newline + 1;
        if (skippingLongLine) {
          skippingLongLine = false;
          partial = '';
          continue;
        }
        const line = partial + piece;
        partial = '';
        if (readLine(line)) changed = true;
      }
      if (!skippingLongLine) {
        const rest = text.slice(start);
        partial += rest;
        if (partial.length > MAX_LINE) {
          partial = '';
          skippingLongLine = true;
        } else if (PROGRESS_HINT.test(rest) && readProgress(partial)) {
          // Rescanning the unfinished line only when a mark arrived keeps this linear.
          changed = true;
        }
      }
      return changed;
    },
    end() {
      let changed = false;
      if (!skippingLongLine && partial && readLine(partial)) changed = true;
      partial = '';
      if (settleCover()) changed = true;
      return changed;
    },
  };
}
