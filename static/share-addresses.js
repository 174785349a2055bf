// The addresses typed into "Invite by email": split at commas, semicolons and white space, and each
// checked as the server checks it (EmailAddresses.java), so a bad one is pointed out before sending.

/** The server sends to at most this many addresses per request (EmailInvitations.MAX_ADDRESSES). */
export const MAX_ADDRESSES = 50;
/** The server keeps at most this many characters of the message (EmailInvitations.MAX_MESSAGE). */
export const MAX_MESSAGE = 1000;

const FORBIDDEN = /[\u0000-\u0020\u007f<>()\[\]\\,;:"]/u;
const DOMAIN = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;

/** One address, normalised (lower case) as the server does; null if it is not one plain address. */
export function normalised(raw) {
  const address = raw.trim().toLowerCase();
  const at = address.indexOf('@');
  if (address === '' || address.length > 254 || at <= 0 || at !== address.lastIndexOf('@')
    || at === address.length - 1 || at > 64 || FORBIDDEN.test(address)) return null;
  return DOMAIN.test(address.slice(at + 1)) ? address : null;
}

/**
 * What `text` holds: `valid` (normalised, each once, in order), `invalid` (as typed), `repeated`
 * (normalised, named more than once). `typing`: the last word has no separator after it yet, so it is
 * not judged invalid while it is being written.
 */
export function parseAddresses(text, typing = false) {
  const words = text.split(/[\s,;]+/);
  const last = words.length - 1;
  const valid = [];
  const invalid = [];
  const repeated = [];
  words.forEach((word, i) => {
    if (word === '') return;
    const address = normalised(word);
    if (address === null) {
      if (!(typing && i === last)) invalid.push(word);
    } else if (valid.includes(address)) {
      if (!repeated.includes(address)) repeated.push(address);
    } else {
      valid.push(address);
    }
  });
  return { valid, invalid, repeated };
}
