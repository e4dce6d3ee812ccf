import type { StreamIssue } from '../decode/answer-reassembler';

/** A logged outcome of something that went wrong or was refused, with the stream it concerns. */
export interface CaptureLog {
  streamId?: string;
  type:
    | StreamIssue['type']
    | 'refused-sender'
    | 'bad-message'
    | 'too-many-streams'
    | 'stream-too-large'
    | 'stream-broke'
    | 'store-failed'
    | 'replay'
    /** A batch whose bytes the browser lost (the tab closed first): the capture went on after it. */
    | 'stream-gap';
  message: string;
}
