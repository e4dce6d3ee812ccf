import { bodyFormatOf, createAnswerReassembler, type StreamIssue } from '../decode/answer-reassembler';
import { linkExpiry } from '../extract/link-expiry';
import { createVideoAnswerReader } from '../extract/video-answer';
import { videoKey } from '../extract/video-key';
import type { StreamOutcome } from '../protocol/messages';
import type { EntryUpdate } from '../store/merge-entry';
import type { FailureReason } from '../store/video-entry';

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
  /** Ends the stream; returns the final updates (done or failed entries). */
  end(how: SessionEnd): EntryUpdate[];
  /** Ids of the entries this stream has touched. */
  readonly entryIds: ReadonlySet<string>;
}

/**
 * One captured response, from raw text to entry updates: reassembles the answer text,
 * reads the video answer, and says what to store. Pure: it never touches storage, so a
 * replay after a worker restart yields the same updates and the store's merge dedupes.
 */
export function createCaptureSession(source: SessionSource, onIssue: (issue: StreamIssue) => void): CaptureSession {
  const reader = createVideoAnswerReader();
  const entryIds = new Set<string>();
  let streamedModel: string | undefined;
  let changed = false;
  let reportedProgress = -1;

  const reassembler = createAnswerReassembler(bodyFormatOf(source.contentType), {
    onText(text) {
      if (reader.push(text)) changed = true;
    },
    onModel(model) {
      streamedModel = model;
    },
    onFinished() {},
    onIssue,
  });

  const updates = (final: FailureReason | undefined): EntryUpdate[] => {
    const { task, videos, progress } = reader.answer;
    const model = streamedModel ?? source.requestModel;
    const common = {
      site: source.site,
      pageUrl: source.pageUrl,
      endpointUrl: source.endpointUrl,
      ...(model ? { model } : {}),
      ...(task ? { prompt: task.prompt, taskId: task.id } : {}),
      ...(task?.inputImageUrl ? { inputImageUrl: task.inputImageUrl } : {}),
    };
    const result: EntryUpdate[] = videos.map((video, index) => {
      const key = videoKey(video.videoUrl);
      const expiresAt = linkExpiry(video.videoUrl);
      return {
        ...common,
        // Keyed without the signature, so a re-signed link of a task-less video is the same entry.
        id: task ? taskEntryId(task.id, index) : `url:${key}`,
        status: 'done',
        progress,
        index,
        videoUrl: video.videoUrl,
        videoKey: key,
        ...(expiresAt === undefined ? {} : { expiresAt }),
        // A proxy link believed from its label: the background may confirm it by content type.
        ...(video.unconfirmed ? { needsCheck: true } : {}),
        ...(video.coverUrl ? { coverUrl: video.coverUrl } : {}),
      };
    });
    if (task && videos.length === 0) {
      result.push({
        ...common,
        id: taskEntryId(task.id, 0),
        status: final ? 'failed' : 'generating',
        progress,
        index: 0,
        ...(final ? { failureReason: final } : {}),
      });
    }
    for (const update of result) entryIds.add(update.id);
    return result;
  };

  return {
    entryIds,
    push(text) {
      changed = false;
      reassembler.feed(text);
      // Progress marks change the entry too, but a write per mark is plenty (one every few s).
      if (!changed && reader.answer.progress === reportedProgress) return [];
      reportedProgress = reader.answer.progress;
      return updates(undefined);
    },
    end(how) {
      reassembler.end();
      reader.end();
      return updates(failureOf(how));
    },
  };
}

/** Entry id of the n-th video of a task: stable across replays and sites. */
export function taskEntryId(taskId: string, index: number): string {
  return `task:${taskId}:${index}`;
}

/** Why a task without a video failed, from how its stream ended. */
function failureOf(how: SessionEnd): FailureReason {
  switch (how) {
    case 'complete':
      return 'no-result';
    case 'disconnected':
      return 'interrupted';
    default:
      return 'stream-error';
  }
}
