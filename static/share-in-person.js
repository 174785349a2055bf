// The share dialog's "in-person" section: mount(section, context), context as share.js documents it.

export function mountInPerson(section, context) {
  const note = document.createElement('p');
  note.className = 'muted';
  note.textContent = `Sharing of ${context.docId} from this section is being built.`;
  section.append(note);
}
