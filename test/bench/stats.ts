/** Middle value (mean of the two middle ones for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The p-th percentile (0–100), linearly interpolated between the closest ranks; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** One measurement with the extension on and its neighbour with it off. */
export interface Pair {
  on: number;
  off: number;
}

/**
 * Median of the per-pair ratios on ÷ off. Each pair ran back to back, so load that drifts
 * during the run (other jobs on the machine) weighs on both halves of a pair alike.
 */
export function pairedRatio(pairs: readonly Pair[]): number {
  return median(pairs.map(({ on, off }) => on / off));
}

/** Median of the per-pair differences on − off. */
export function pairedDifference(pairs: readonly Pair[]): number {
  return median(pairs.map(({ on, off }) => on - off));
}

/** Smallest and largest value, for a spread in the notes. */
export function range(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

export const MiB = 1024 * 1024;

/** `12.3 ms` (3 significant digits below 100). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2)} ms`;
}

/** `3.14 MB` in MiB, signed when asked. */
export function mib(bytes: number, signed = false): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  const text = `${(bytes / MiB).toFixed(Math.abs(bytes) >= 100 * MiB ? 0 : Math.abs(bytes) >= 10 * MiB ? 1 : 2)} MB`;
  return signed && bytes >= 0 ? `+${text}` : text;
}

/** `1.034` */
export function ratio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}

/** `12–34 ms` */
export function msRange(values: readonly number[]): string {
  const [low, high] = range(values);
  return `${ms(low).replace(' ms', '')}–${ms(high)}`;
}
