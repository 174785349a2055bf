// The share dialog's "links" section: mount(section, context), context as share.js documents it.

export function mountLinks(section, context) {
  const note = document.createElement('p');
  note.className = 'muted';
  note.textContent = `Sharing of ${context.docId} from this section is being built.`;
  section.append(note);
}
