/** The background's one logger: a line in the worker's console, under the extension's name. */
export function log(message: string, ...details: unknown[]): void {
  console.warn('[video-keeper]', message, ...details);
}

/** Logs a failed background task instead of leaving its rejection unhandled. */
export function logFailure(what: string): (error: unknown) => void {
  return (error) => log(`${what}: ${String(error)}`);
}
