import { MAX_JSON_BODY } from '../decode/answer-reassembler';
import type { SiteMessageFramer } from './site-message-framer';

/** A JSON answer's text on its way to the framer, held until the answer ends. */
export interface HeldJsonAnswer {
  /** Holds `text`, or gives it to the framer when nothing is held (any more). */
  feed(text: string): void;
  /**
   * At the answer's end: when it ended complete and all of it is still held, its whole text
   * (none of it went to the framer; the caller decides whether to read it); else undefined,
   * after giving the framer what was held.
   */
  finish(complete: boolean): string | undefined;
}

/**
 * A JSON answer is one value, read when it closes anyway: holding its text costs no update any
 * delay, and lets the session compare the whole text with the same call's last answer
 * (src/background/unchanged-bodies.ts). Past `cap` characters (the framer's cap on a JSON value)
 * what was held goes to the framer, and the rest as it comes. With `hold` false every text goes
 * straight on.
 */
export function holdJsonAnswer(framer: SiteMessageFramer, hold: boolean, cap = MAX_JSON_BODY): HeldJsonAnswer {
  let held: string[] | undefined = hold ? [] : undefined;
  let heldSize = 0;
  const release = (): void => {
    for (const part of held ?? []) framer.feed(part);
    held = undefined;
  };
  return {
    feed(text) {
      if (!held) {
        framer.feed(text);
        return;
      }
      held.push(text);
      heldSize += text.length;
      if (heldSize > cap) release();
    },
    finish(complete) {
      if (held && complete) {
        const body = held.join('');
        held = undefined;
        return body;
      }
      release();
      return undefined;
    },
  };
}
