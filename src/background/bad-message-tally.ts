import type { CaptureLog } from './capture-log-entry';

/** Malformed messages of one port logged one by one; after that, only a count now and then. */
const BAD_MESSAGES_LOGGED = 20;
const BAD_MESSAGES_SUMMARY_EVERY = 1000;

export interface BadMessageTally {
  /** Counts one malformed message the port sent (and logs it while there are few). */
  count(): void;
  /** Logs how many there were in all, when too many to log one by one (the Port's end). */
  summarize(): void;
}

/**
 * Counts the malformed messages of one relay Port from `site`: a page that floods the Port
 * with junk costs the log a line per thousand, not a line each.
 */
export function createBadMessageTally(site: string, log: (entry: CaptureLog) => void): BadMessageTally {
  let badMessages = 0;
  return {
    count() {
      badMessages += 1;
      if (badMessages <= BAD_MESSAGES_LOGGED) {
        log({ type: 'bad-message', message: 'malformed relay message dropped' });
      } else if (badMessages % BAD_MESSAGES_SUMMARY_EVERY === 0) {
        log({ type: 'bad-message', message: `${badMessages} malformed relay messages dropped from ${site}` });
      }
    },
    summarize() {
      if (badMessages > BAD_MESSAGES_LOGGED) {
        log({ type: 'bad-message', message: `${badMessages} malformed relay messages dropped from ${site} in all` });
      }
    },
  };
}
