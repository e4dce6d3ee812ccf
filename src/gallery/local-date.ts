// Calendar days in the user's time zone, as `<input type="date">` and a "today" filter mean them.
// Days are counted by calendar fields, never in 24-hour steps: a day across a daylight-saving
// change has 23 or 25 hours, and UTC midnight is not the user's midnight.

/** The value format of `<input type="date">`, whatever the locale shows on screen. */
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Epoch ms of the local midnight that starts the day `days` calendar days after the one holding
 * `time` (negative: before). Where a zone skips midnight, the first instant of that day.
 */
export function startOfLocalDay(time: number, days = 0): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  // setDate normalizes across months and years; setHours again lands on the (possibly shifted) midnight.
  date.setDate(date.getDate() + days);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Local midnight of a `YYYY-MM-DD` day, or `undefined` for anything else (`2025-02-30`, `3/25/2025`, ``). */
export function parseLocalDay(text: string): number | undefined {
  const match = DAY_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(2000, 0, 1);
  // setFullYear, not the constructor: `new Date(99, 0, 1)` means 1999.
  date.setFullYear(year, month - 1, day);
  // A day that does not exist rolls over (`2025-02-30` → March 2): it is no day at all.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return startOfLocalDay(date.getTime());
}

/** The `YYYY-MM-DD` local day holding `time`. */
export function formatLocalDay(time: number): string {
  const date = new Date(time);
  const pad = (value: number, length: number) => String(value).padStart(length, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}
