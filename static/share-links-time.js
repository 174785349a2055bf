// Spans of time in words, as the links section shows them: rounded down to the largest unit, since
// "6 days" reads better than a date and a link's exact end is in the row's tooltip.

const UNITS = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute']];

/**
 * 90_000 → "1 minute", 7 days → "7 days"; under a minute → "less than a minute". Rounded to the nearest
 * minute first, so a link made for a day says "1 day" rather than "23 hours" in its first half minute.
 */
export function duration(exactMillis) {
  const millis = Math.round(exactMillis / 60_000) * 60_000;
  for (const [size, name] of UNITS) {
    const n = Math.floor(millis / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'}`;
  }
  return 'less than a minute';
}

/** "just now", "5 minutes ago" for a moment in the past (ISO text). */
export function ago(iso) {
  const past = Date.now() - Date.parse(iso);
  return past < 60_000 ? 'just now' : `${duration(past)} ago`;
}

/** The moment in the reader's own words, for a tooltip and a <time> element's text. */
export function localTime(iso) {
  return new Date(iso).toLocaleString();
}
