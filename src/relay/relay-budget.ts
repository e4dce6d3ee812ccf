/** Streams a frame may open per second; a chat page opens a few, a video app's page dozens as it loads, a flood is refused. */
export const MAX_OPENS_PER_SECOND = 96;
/** Warnings per second; the rest are counted and reported in one line. */
const MAX_WARNINGS_PER_SECOND = 20;

/** What one frame's relay may do per second, so a hostile page cannot flood the background or the console. */
export interface RelayBudget {
  /** Passes a warning on, unless this second has had MAX_WARNINGS_PER_SECOND already (then it is counted). */
  warn(message: string): void;
  /** Counts a stream opened: false once this second has had MAX_OPENS_PER_SECOND. */
  open(): boolean;
  /** A stream was ended to make room: the first this second is told, the rest counted with the suppressed warnings. */
  evicted(message: string): void;
}

/**
 * The open and warning budgets of one relay, over a one-second window that starts at the first
 * call after the last one ended. The warnings suppressed in a window are reported in one line
 * when the next begins.
 */
export function createRelayBudget(now: () => number, warn: (message: string) => void): RelayBudget {
  let windowStart = Number.NEGATIVE_INFINITY;
  let opens = 0;
  let warnings = 0;
  let suppressed = 0;
  let evictions = 0;

  const tick = (): void => {
    const time = now();
    if (time - windowStart < 1000) return;
    if (suppressed > 0) warn(`capture relay: ${suppressed} more warnings in one second suppressed`);
    windowStart = time;
    opens = 0;
    warnings = 0;
    suppressed = 0;
    evictions = 0;
  };
  const budgetedWarn = (message: string): void => {
    tick();
    if (++warnings <= MAX_WARNINGS_PER_SECOND) warn(message);
    else suppressed += 1;
  };

  return {
    warn: budgetedWarn,
    open() {
      tick();
      return ++opens <= MAX_OPENS_PER_SECOND;
    },
    evicted(message) {
      if (++evictions === 1) budgetedWarn(message);
      else suppressed += 1;
    },
  };
}
