// How an invitation is said to people: who sends it, and what it lets them do.

/** "alice", for a person as the server sends one ({username, displayName, ...}). */
export function nameOf(person) {
  return person?.displayName || person?.username || 'Someone';
}

/**
 * 'rw' → "view and edit"; with `what` ("the page “x”"), "view and edit the page “x”" or, with 'a',
 * "view, edit and manage who has access to the page “x”".
 */
export function rightsInWords(permissions, what) {
  const words = [];
  if (permissions.includes('r')) words.push('view');
  if (permissions.includes('w')) words.push('edit');
  if (permissions.includes('a')) words.push('manage who has access');
  const said = words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
  if (!what) return said;
  return `${said}${permissions.includes('a') ? ' to' : ''} ${what}`;
}
