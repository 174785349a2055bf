// The countdown to a PIN's timeout, on the guest's redeem page and on the inviter's code card: the time
// left, redrawn each second (in an element screen readers do not read out on every tick), and told
// politely only at a few moments.

/** Seconds left at which the countdown is announced. */
const TOLD_AT = [60, 30, 10];

/**
 * Counts down to `until` (ms since the epoch) in `element`; `tell(seconds)` at the moments above that
 * are still ahead when it starts; `ended()` once at zero. Returns stop().
 */
export function countdown(element, until, tell, ended) {
  const ahead = TOLD_AT.filter((s) => (until - Date.now()) / 1000 > s);
  let timer = 0;
  const tick = () => {
    const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    element.textContent = left > 0 ? `${minutes(left)} left to enter the PIN` : 'The time to enter the PIN is up';
    while (ahead.length > 0 && left <= ahead[0]) tell(ahead.shift());
    if (left === 0) {
      clearInterval(timer);
      ended();
    }
  };
  timer = setInterval(tick, 1000);
  tick();
  return () => clearInterval(timer);
}

/** "3 minutes", "1 minute 20 seconds", "10 seconds": for people, and for the polite announcements. */
export function inWords(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const part = (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return [m > 0 ? part(m, 'minute') : '', s > 0 || m === 0 ? part(s, 'second') : ''].filter(Boolean).join(' ');
}

/** 95 → "1:35". */
export function minutes(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
