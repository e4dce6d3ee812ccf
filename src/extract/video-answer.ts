import { createAnswerLinkScanner, type LinkSink } from './answer-links';
import { createCoverPairing, type NamedCover } from './cover-pairing';
import type { FoundLink } from './found-link';
import { parseHttpUrl } from './http-url';
import { judgeLink } from './link-kind';
import { readTaskLine } from './task-line';
import { videoKey } from './video-key';

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
  /**
   * Only a label, `<video>` tag or MIME parameter says this is a video; its URL has no video
   * file name (a proxy). Whoever can fetch should confirm it by the response's content type.
   */
  unconfirmed?: true;
}

/** Everything known about an answer so far. */
export interface VideoAnswer {
  task?: VideoTask;
  /** Progress marks (🔥) streamed so far. */
  progress: number;
  /** Percent done (0–100) the stream reported outside the answer text (a relay's reasoning). */
  percent?: number;
  /** The progress link closed (`)🎉🎉🎉`): the producer reported success. */
  succeeded: boolean;
  videos: AnswerVideo[];
}

export interface VideoAnswerReader {
  /** Appends answer text; returns true when the answer's state changed. */
  push(text: string): boolean;
  /** The answer is complete: reads the last line. Returns true when the state changed. */
  end(): boolean;
  /**
   * Progress the stream reported outside the answer text: a percent, and the id of a task
   * whose answer names none (it becomes the task, without a prompt, unless the text named one
   * first). Returns true when the state changed.
   */
  report(progress: { percent?: number; taskId?: string }): boolean;
  readonly answer: VideoAnswer;
}

const PROGRESS_OPEN = '任务进度](';
const PROGRESS_MARK = /🔥/g;
const PROGRESS_HINT = /🔥|🎉/;
/** A blockquote line: the user's prompt echoed before the answer. */
const QUOTE_LINE = /^ {0,3}>/;
/** A line longer than this cannot be a link line of an answer; it is skipped, not buffered. */
const MAX_LINE = 64 * 1024;
const MAX_PROMPT = 4000;
/** One answer holding more videos than this is hostile, not generous. */
const MAX_VIDEOS = 64;

/**
 * Incremental reader of a video model's answer, line by line, so a long answer costs linear
 * time. It recognises the task line, counts progress marks (also in the line still
 * streaming), and collects each video, in any format `createAnswerLinkScanner` knows, with
 * its cover (`createCoverPairing`). Nothing in the echoed prompt is a result: not the task
 * line, not the input image, not a link in the answer's leading `>` quote.
 */
export function createVideoAnswerReader(): VideoAnswerReader {
  return new LineVideoAnswerReader();
}

/**
 * A class rather than closures per answer (docs/benchmarks.md): its methods' optimized code outlives
 * each answer, so a new stream does not run unoptimized until V8 optimizes it again.
 */
class LineVideoAnswerReader implements VideoAnswerReader, LinkSink {
  // Every field in the literal, none added later: see chunkRead (src/decode/dialects/dialect.ts).
  readonly answer: VideoAnswer = { task: undefined, progress: 0, percent: undefined, succeeded: false, videos: [] };
  private readonly videosByKey = new Map<string, AnswerVideo>();
  private readonly scanner = createAnswerLinkScanner(this);
  private readonly pairing = createCoverPairing(this.answer.videos);
  private partial = '';
  private skippingLongLine = false;
  /** Where the answer stands with respect to its leading quote (the prompt echo). */
  private quote: 'before' | 'inside' | 'after' = 'before';
  /** Set when the answer took a link the scanner found. */
  private took = false;

  report({ percent, taskId }: { percent?: number; taskId?: string }): boolean {
    const answer = this.answer;
    let changed = false;
    if (taskId && !answer.task) {
      answer.task = { id: taskId.slice(0, 128), prompt: '' };
      changed = true;
    }
    if (percent !== undefined && Number.isFinite(percent) && percent >= (answer.percent ?? -1)) {
      const bounded = Math.min(100, Math.max(0, percent));
      if (bounded !== answer.percent) {
        answer.percent = bounded;
        changed = true;
      }
    }
    return changed;
  }

  push(text: string): boolean {
    let changed = false;
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (this.skippingLongLine) {
        this.skippingLongLine = false;
        this.partial = '';
        continue;
      }
      const line = this.partial + piece;
      this.partial = '';
      if (this.readLine(line)) changed = true;
    }
    if (!this.skippingLongLine) {
      const rest = text.slice(start);
      this.partial += rest;
      if (this.partial.length > MAX_LINE) {
        this.partial = '';
        this.skippingLongLine = true;
      } else if (PROGRESS_HINT.test(rest) && this.readProgress(this.partial)) {
        // Rescanning the unfinished line only when a mark arrived keeps this linear.
        changed = true;
      }
    }
    return changed;
  }

  end(): boolean {
    let changed = false;
    if (!this.skippingLongLine && this.partial && this.readLine(this.partial)) changed = true;
    this.partial = '';
    this.took = false;
    this.scanner.end();
    if (this.took) changed = true;
    if (this.pairing.settle()) changed = true;
    return changed;
  }

  /** The scanner found a link. */
  found(link: FoundLink): void {
    if (this.take(link)) this.took = true;
  }

  private inLeadingQuote(line: string): boolean {
    // Blank lines neither start nor end it: a prompt may be quoted as several paragraphs.
    if (this.quote === 'after' || line.trim() === '') return false;
    if (QUOTE_LINE.test(line)) {
      this.quote = 'inside';
      return true;
    }
    this.quote = 'after';
    return false;
  }

  private take(found: FoundLink): boolean {
    const answer = this.answer;
    const url = parseHttpUrl(found.url);
    if (!url || url === answer.task?.inputImageUrl) return false;
    const judgement = judgeLink({ url, label: found.label, context: found.context, hint: found.hint });
    if (judgement.kind === 'cover') return this.pairing.addCover(url, found.footnote);
    if (judgement.kind !== 'video') return false;
    const named: NamedCover = { ...this.namedCoverOf(found), ...(found.footnotes ? { footnotes: found.footnotes } : {}) };
    const key = videoKey(url);
    const seen = this.videosByKey.get(key);
    if (seen) return this.pairing.nameCover(seen, named);
    if (answer.videos.length >= MAX_VIDEOS) return false;
    const video: AnswerVideo = judgement.unconfirmed ? { videoUrl: url, unconfirmed: true } : { videoUrl: url };
    this.videosByKey.set(key, video);
    answer.videos.push(video);
    this.pairing.addVideo(video, named);
    return true;
  }

  private namedCoverOf(found: FoundLink): { cover?: string } {
    const cover = parseHttpUrl(found.cover);
    if (!cover || cover === this.answer.task?.inputImageUrl) return {};
    return judgeLink({ url: cover, hint: 'cover' }).kind === 'cover' ? { cover } : {};
  }

  private readLine(line: string): boolean {
    const answer = this.answer;
    const quoted = this.inLeadingQuote(line);
    if (!answer.task) {
      const task = readTaskLine(line);
      if (task) {
        const { id, image, prompt } = task;
        const inputImageUrl = parseHttpUrl(image.trim());
        answer.task = { id, prompt: prompt.trim().slice(0, MAX_PROMPT), ...(inputImageUrl ? { inputImageUrl } : {}) };
        // The echo holds the user's prompt: links in it are input, never results.
        return true;
      }
    }
    let changed = this.readProgress(line);
    if (quoted) return changed;
    this.took = false;
    this.scanner.line(line);
    if (this.took) changed = true;
    return changed;
  }

  private readProgress(line: string): boolean {
    const answer = this.answer;
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
  }
}
