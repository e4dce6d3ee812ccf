/** How much reading one captured stream may cost the background before it is dropped. */
export interface StreamBudgetLimits {
  /** Milliseconds spent reading the stream's text, summed over its chunks. */
  maxMs: number;
  /** Lines (`\n`) of the stream's text. */
  maxLines: number;
}

/**
 * The default budget. Reading is linear (about 13 ms per MB in Node, `docs/benchmarks.md`), so
 * the relay's largest stream (16 MiB) costs well under a second even on a loaded machine; ten
 * seconds is only reached by text that makes some reader slow, and is then all the worker
 * loses. A chat stream has a line or two per event of at least a few dozen bytes, so a million
 * lines is past any answer the relay lets through whole.
 */
export const STREAM_BUDGET: StreamBudgetLimits = { maxMs: 10_000, maxLines: 1_000_000 };

export interface StreamBudget {
  /**
   * Runs `read` over the next `text` of the stream, counting its lines and the time it takes.
   * Returns what `read` returned; does not run it once the stream is over its budget (or when
   * `text` alone takes it over its lines).
   */
  read<T>(text: string, read: () => T): T | undefined;
  /** Why the stream went over its budget, once it has. */
  readonly exceeded: string | undefined;
}

/** A budget for one stream; `now` is the clock its time is measured with (milliseconds). */
export function createStreamBudget(limits: StreamBudgetLimits = STREAM_BUDGET, now: () => number = () => performance.now()): StreamBudget {
  return new TimedStreamBudget(limits, now);
}

class TimedStreamBudget implements StreamBudget {
  exceeded: string | undefined = undefined;
  private ms = 0;
  private lines = 0;

  constructor(
    private readonly limits: StreamBudgetLimits,
    private readonly now: () => number,
  ) {}

  read<T>(text: string, read: () => T): T | undefined {
    if (this.exceeded) return undefined;
    this.lines += countLines(text);
    if (this.lines > this.limits.maxLines) {
      this.exceeded = `more than ${this.limits.maxLines} lines: dropped, the rest is not read`;
      return undefined;
    }
    const started = this.now();
    const value = read();
    this.ms += this.now() - started;
    if (this.ms > this.limits.maxMs) {
      this.exceeded = `reading it took more than ${this.limits.maxMs} ms (${Math.round(this.ms)} ms): dropped, the rest is not read`;
    }
    return value;
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}
