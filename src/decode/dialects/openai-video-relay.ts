import { isRecord, type Dialect, type DialectRead, type DialectReader } from './dialect';
import { openAiChat } from './openai-chat';

/**
 * sora2api's progress line of a video: `**Video Generation Progress**: 40% (processing)`. Its
 * image generations say `Generation in progress: 40% completed`, which is no video's progress.
 */
const PROGRESS = /Video Generation Progress\**\s*[:：]\s*(\d{1,3}(?:\.\d+)?)\s*%/i;
/** sora2api's bold stage headings (`**Generation Process Begins**`, `**Video Generation Completed**`). */
const STAGE = /^\s*\*\*[^*\n]{0,60}\b(generation|video|upload|remix|character)\b[^*\n]{0,60}\*\*/i;
/** What an id must look like to name an entry (as a task line's id). */
const TASK_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * OpenAI chat chunks from video relays such as sora2api (github.com/TheSmallHanCat/sora2api):
 * while the video is made, `delta.reasoning_content` carries stage headings and
 * `**Video Generation Progress**: 40% (processing)` lines with `content: null`; the answer,
 * in `delta.content`, is a fenced ```` ```html <video src='…'> ```` block with
 * `finish_reason: "STOP"`. The answer text is read exactly as `openai-chat` reads it (the
 * reasoning is never answer text); this dialect adds the percent and, as the stream names no
 * task, the first chunk's id as the task the progress belongs to (from the first progress
 * line on, so image and character generations make no entry), and reads the relay's
 * `{"error": {"message"}}` event as a server error. It takes a stream only when
 * its first chunk's reasoning is such a heading or progress line, so ordinary streams, with
 * or without reasoning, stay with `openai-chat`.
 */
export const openAiVideoRelay: Dialect = { name: 'openai-video-relay', refines: openAiChat.name, create: createReader };

function createReader(): DialectReader {
  const chat = openAiChat.create();
  let claimed = false;
  let taskId: string | undefined;
  /** A video's progress was seen: only then is there a task to show (images and characters have none). */
  let making = false;

  return {
    read(message) {
      const reasoning = reasoningOf(message.json);
      if (!claimed) {
        if (reasoning === undefined || !(STAGE.test(reasoning) || PROGRESS.test(reasoning))) return undefined;
        claimed = true;
        const id = isRecord(message.json) && typeof message.json.id === 'string' ? message.json.id : '';
        if (TASK_ID.test(id)) taskId = id;
      }
      const { json } = message;
      if (isRecord(json) && isRecord(json.error) && typeof json.error.message === 'string') {
        // sora2api ends a failed generation with an OpenAI-style error event, then [DONE].
        return { issue: { type: 'server-error', message: `the relay reported a failure: ${json.error.message.slice(0, 200)}` } };
      }
      const read: DialectRead | undefined = chat.read(message);
      if (!read) return undefined;
      const progress = reasoning === undefined ? undefined : PROGRESS.exec(reasoning);
      if (progress) {
        read.percent = Math.min(100, Number(progress[1]));
        making = true;
      }
      if (making && taskId) read.taskId = taskId;
      return read;
    },
  };
}

/** `choices[0].delta.reasoning_content` of a chat chunk, when it is text. */
function reasoningOf(json: unknown): string | undefined {
  if (!isRecord(json) || !Array.isArray(json.choices)) return undefined;
  const choice: unknown = json.choices[0];
  if (!isRecord(choice) || !isRecord(choice.delta)) return undefined;
  const reasoning = choice.delta.reasoning_content;
  return typeof reasoning === 'string' ? reasoning : undefined;
}
