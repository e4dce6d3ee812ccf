import { bodyFormatOf, createAnswerReassembler, type AnswerCallbacks, type AnswerReassembler, type StreamIssue } from '../decode/answer-reassembler';
import { createVideoAnswerReader } from '../extract/video-answer';
import type { StreamOutcome } from '../protocol/messages';
import { chatTaskEntryId, linkEntryIdentity } from '../store/entry-identity';
import type { EntryUpdate } from '../store/merge-entry';
import type { BreakReason, FailureReason } from '../store/video-entry';

/** Where a stream came from; `site` and `pageUrl` come from the browser's sender, not the page. */
export interface SessionSource {
  site: string;
  pageUrl: string;
  endpointUrl: string;
  contentType: string;
  requestModel?: string;
}

/** How a stream ended for the background: the page's outcome, or the page went away. */
export type SessionEnd = StreamOutcome | 'disconnected';

export interface CaptureSession {
  /** Feeds stream text; returns the entry updates it caused (often none). */
  push(text: string): EntryUpdate[];
  /** Ends the stream; returns the final updates (done, partial or failed entries). Later calls return []. */
  end(how: SessionEnd): EntryUpdate[];
  /** Ids of the entries this stream has touched. */
  readonly entryIds: ReadonlySet<string>;
  /** What read the stream so far and how much it found (for the capture log). */
  summary(): SessionSummary;
}

/** What read a stream and what it found, for the capture log. */
export interface SessionSummary {
  /** The dialect (`openai-chat`) or the site extractor and endpoint (`kling/status`); absent while none has. */
  handledBy?: string;
  /** Videos (chat answers) or tasks (video apps) found. */
  found: number;
  /** Of the tasks found, those the generic task reader kept (src/sites/generic-task-reader.ts). */
  generic?: number;
}

/** How an answer ended: cleanly, with a break, or `undefined` while it still streams. */
type Ending = 'clean' | BreakReason | undefined;

/**
 * One captured response, from raw text to entry updates: reassembles the answer text,
 * reads the video answer, and says what to store. Pure: it never touches storage, so a
 * replay after a worker restart yields the same updates and the store's merge dedupes.
 *
 * A video is `partial` until its answer ends cleanly (`done`); a break (error, abort, a size
 * cap, the page gone, an `error` event from the server) leaves it `partial` with the reason.
 * A task without a video stays `generating` and then fails with the reason.
 */
export function createCaptureSession(source: SessionSource, onIssue: (issue: StreamIssue) => void): CaptureSession {
  return new AnswerCaptureSession(source, onIssue);
}

/**
 * A class rather than closures per stream (docs/benchmarks.md): its methods' optimized code outlives each
 * stream, and the reassembler calls the same `onText` for every stream. It is the reassembler's
 * callbacks object itself.
 */
class AnswerCaptureSession implements CaptureSession, AnswerCallbacks {
  readonly entryIds = new Set<string>();
  private reader = createVideoAnswerReader();
  /** Final updates of answers the stream has moved past, not yet returned. */
  private readonly closedAnswers: EntryUpdate[] = [];
  private streamedModel: string | undefined;
  private dialectName: string | undefined;
  private videosFound = 0;
  private changed = false;
  private reportedProgress = -1;
  private reportedOver = false;
  private finished = false;
  private serverError = false;
  private ended = false;
  /** Videos read from whole lines; those found after are in the answer's unfinished last line. */
  private completeLineVideos = Number.POSITIVE_INFINITY;
  private readonly reassembler: AnswerReassembler;

  constructor(
    private readonly source: SessionSource,
    private readonly reportIssue: (issue: StreamIssue) => void,
  ) {
    this.reassembler = createAnswerReassembler(bodyFormatOf(source.contentType), this);
  }

  summary(): SessionSummary {
    return {
      ...(this.dialectName ? { handledBy: this.dialectName } : {}),
      found: this.videosFound + this.reader.answer.videos.length,
    };
  }

  push(text: string): EntryUpdate[] {
    if (this.ended) return [];
    this.changed = false;
    this.reassembler.feed(text);
    // The answer said it is over ([DONE], finish_reason, done: true): its entries are final
    // now, whatever later happens to the transport (a socket stays open, a page aborts).
    const over = this.finished && !this.serverError;
    const closed = this.closedAnswers.splice(0);
    // Progress marks change the entry too, but a write per mark is plenty (one every few s).
    if (!this.changed && this.reader.answer.progress === this.reportedProgress && over === this.reportedOver) return closed;
    this.reportedProgress = this.reader.answer.progress;
    this.reportedOver = over;
    return [...closed, ...this.updates(over ? 'clean' : undefined, false)];
  }

  end(how: SessionEnd): EntryUpdate[] {
    if (this.ended) return [];
    this.ended = true;
    this.reassembler.end(how === 'complete');
    this.completeLineVideos = this.reader.answer.videos.length;
    this.reader.end();
    const over = this.finished && !this.serverError;
    return [
      ...this.closedAnswers.splice(0),
      ...this.updates(over ? 'clean' : endingOf(how, this.serverError), how === 'truncated' && !over),
    ];
  }

  // ---- AnswerCallbacks ----

  onText(text: string): void {
    if (this.reader.push(text)) this.changed = true;
  }

  onModel(model: string): void {
    this.streamedModel = model;
  }

  onDialect(name: string): void {
    this.dialectName = name;
  }

  onFinished(): void {
    this.finished = true;
  }

  onProgress(progress: { percent?: number; taskId?: string }): void {
    if (this.reader.report(progress)) this.changed = true;
  }

  onAnswerStart(): void {
    // The answer so far is over: settle its entries, then read the next one afresh.
    this.completeLineVideos = this.reader.answer.videos.length;
    this.reader.end();
    this.videosFound += this.reader.answer.videos.length;
    this.closedAnswers.push(...this.updates(this.finished && !this.serverError ? 'clean' : 'interrupted', false));
    this.reader = createVideoAnswerReader();
    this.finished = false;
    this.serverError = false;
    this.reportedProgress = -1;
    this.reportedOver = false;
    this.completeLineVideos = Number.POSITIVE_INFINITY;
  }

  onIssue(issue: StreamIssue): void {
    if (issue.type === 'server-error') this.serverError = true;
    this.reportIssue(issue);
  }

  // ----

  private updates(ending: Ending, truncated: boolean): EntryUpdate[] {
    const { source, finished, completeLineVideos } = this;
    const { task, videos, progress } = this.reader.answer;
    const model = this.streamedModel ?? source.requestModel;
    const common = {
      site: source.site,
      pageUrl: source.pageUrl,
      endpointUrl: source.endpointUrl,
      ...(model ? { model } : {}),
      ...(task ? { prompt: task.prompt, taskId: task.id } : {}),
      ...(task?.inputImageUrl ? { inputImageUrl: task.inputImageUrl } : {}),
      ...(truncated ? { truncated: true as const } : {}),
    };
    const result: EntryUpdate[] = videos.map((video, index) => {
      const link = linkEntryIdentity(video.videoUrl);
      // A link first read from the unfinished last line of an answer that never said it was
      // over may be cut short, even though the body itself ended cleanly.
      const videoEnding = ending === 'clean' && !finished && index >= completeLineVideos ? 'stream-error' : ending;
      return {
        ...common,
        id: task ? chatTaskEntryId(task.id, index) : link.id,
        ...(videoEnding === 'clean' ? { status: 'done' as const } : { status: 'partial' as const }),
        ...(videoEnding && videoEnding !== 'clean' ? { partialReason: videoEnding } : {}),
        progress,
        index,
        videoUrl: video.videoUrl,
        videoKey: link.videoKey,
        ...(link.expiresAt === undefined ? {} : { expiresAt: link.expiresAt }),
        // A proxy link believed from its label: the background may confirm it by content type.
        ...(video.unconfirmed ? { needsCheck: true } : {}),
        ...(video.coverUrl ? { coverUrl: video.coverUrl } : {}),
      };
    });
    if (task && videos.length === 0) {
      const failure = ending === undefined ? undefined : failureOf(ending, finished);
      result.push({
        ...common,
        id: chatTaskEntryId(task.id, 0),
        status: failure ? 'failed' : 'generating',
        progress,
        ...(this.reader.answer.percent === undefined ? {} : { percent: this.reader.answer.percent }),
        index: 0,
        ...(failure ? { failureReason: failure } : {}),
      });
    }
    for (const update of result) this.entryIds.add(update.id);
    return result;
  }
}

/** Entry id of the n-th video of a chat answer's task (src/store/entry-identity.ts). */
export const taskEntryId = chatTaskEntryId;

/** How the answer ended, from how its stream ended and whether the server reported an error. */
function endingOf(how: SessionEnd, serverError: boolean): Exclude<Ending, undefined> {
  switch (how) {
    case 'complete':
      return serverError ? 'stream-error' : 'clean';
    case 'disconnected':
      return 'interrupted';
    case 'truncated':
      return 'truncated';
    case 'error':
    case 'aborted':
      return 'stream-error';
  }
}

/**
 * Why a task without a video failed. A body that ended cleanly although the answer never said
 * it was over (no `[DONE]`, no `finish_reason`) was cut by the server or a proxy: a break, not
 * the model's verdict.
 */
function failureOf(ending: Exclude<Ending, undefined>, finished: boolean): FailureReason {
  if (ending !== 'clean') return ending;
  return finished ? 'no-result' : 'stream-error';
}
