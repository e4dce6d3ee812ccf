/** What a `/v1/chat/completions` request asks the replay to do; see test/demo-site/README.md. */
export interface ReplayOptions {
  /** `fixture`: the seed file's exact bytes; `demo`: media URLs on this server, prompt echoed. */
  source: 'demo' | 'fixture';
  /** 1 = the recorded timing, 0 = as fast as possible. */
  pace: number;
  slice: { seed: number; maxSlice: number } | undefined;
  /** One pause after the `VideoTask(…)` line, in ms. */
  holdMs: number | undefined;
  /** Replay a failed task: progress without result. */
  fail: boolean;
  /**
   * Epoch seconds: media links are signed like Aliyun OSS (`?Expires=…&OSSAccessKeyId=…&Signature=…`)
   * and `/media/` refuses them with 403 after that time, as a real bucket does.
   */
  expires: number | undefined;
}

export type ParsedReplayOptions = { ok: true; options: ReplayOptions } | { ok: false; message: string };

/** The pace the chat page gets when its URL names none: the answer takes about 8 s instead of 30 s. */
export const DEFAULT_PACE = 0.3;
export const DEFAULT_MAX_SLICE = 64;

/** Reads the replay query parameters; a bad value is an error that names the parameter and its form. */
export function parseReplayOptions(params: URLSearchParams): ParsedReplayOptions {
  const source = params.get('source') ?? 'demo';
  if (source !== 'demo' && source !== 'fixture') {
    return { ok: false, message: `source must be "fixture" or "demo" (the default), got "${source}"` };
  }
  const pace = readNumber(params, 'pace', (value) => Number.isFinite(value) && value >= 0);
  if (pace === null) return { ok: false, message: 'pace must be a number ≥ 0, e.g. pace=0.3 (1 = recorded timing)' };
  const seed = readNumber(params, 'slice', Number.isSafeInteger);
  if (seed === null) return { ok: false, message: 'slice must be an integer seed, e.g. slice=7' };
  const maxSlice = readNumber(params, 'maxSlice', (value) => Number.isSafeInteger(value) && value >= 1);
  if (maxSlice === null) return { ok: false, message: 'maxSlice must be an integer ≥ 1, e.g. maxSlice=64' };
  const holdMs = readNumber(params, 'hold', (value) => Number.isFinite(value) && value >= 0);
  if (holdMs === null) return { ok: false, message: 'hold must be a pause in ms ≥ 0, e.g. hold=3000' };
  const fail = params.get('fail');
  if (fail !== null && fail !== '0' && fail !== '1') return { ok: false, message: 'fail must be 1 or 0' };
  const expires = readNumber(params, 'expires', (value) => Number.isSafeInteger(value) && value > 0);
  if (expires === null) return { ok: false, message: 'expires must be epoch seconds, e.g. expires=1767225600' };

  return {
    ok: true,
    options: {
      source,
      pace: pace ?? DEFAULT_PACE,
      slice: seed === undefined ? undefined : { seed, maxSlice: maxSlice ?? DEFAULT_MAX_SLICE },
      holdMs,
      fail: fail === '1',
      expires,
    },
  };
}

/** `undefined` when absent, `null` when present but invalid. */
function readNumber(
  params: URLSearchParams,
  name: string,
  isValid: (value: number) => boolean,
): number | undefined | null {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  return isValid(value) ? value : null;
}
