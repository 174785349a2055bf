// How the share dialog says rights, the same in every section.

/** Rights letters (the server's spelling: r, w, a in that order) in words. */
export const RIGHTS_WORDS = Object.freeze({ r: 'can view', rw: 'can edit', rwa: 'admin', ra: 'admin', '': 'no access' });

/** The choices a sharing form offers, most common first. */
export const RIGHTS_CHOICES = Object.freeze([['r', 'Can view'], ['rw', 'Can edit'], ['rwa', 'Admin']]);

export function rightsInWords(rights) {
  return RIGHTS_WORDS[rights] ?? (rights.includes('w') ? 'can edit' : 'can view');
}
