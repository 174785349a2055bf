// Copying to the clipboard from the share dialog. The dialog is a frame of another origin than the
// page under it, and the page may not have delegated the asynchronous clipboard to it: then the older
// copy of a selection (allowed within the click that asks for it) does the work.

/** Copies `text`; resolves true if it is on the clipboard. Call it from a click. */
export async function copy(text) {
  // Asked only where the policy allows it: Chromium reports every refused try as a violation.
  const policy = document.permissionsPolicy ?? document.featurePolicy;
  if (navigator.clipboard && (!policy || policy.allowsFeature('clipboard-write'))) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused after all (no focus, say): the selection does it.
    }
  }
  return copyBySelection(text);
}

function copyBySelection(text) {
  const focused = document.activeElement;
  const holder = document.createElement('textarea');
  holder.value = text;
  holder.setAttribute('readonly', '');
  holder.className = 'copy-holder';
  document.body.append(holder);
  holder.select();
  let done = false;
  try {
    done = document.execCommand('copy');
  } catch {
    done = false;
  }
  holder.remove();
  focused?.focus?.();
  return done;
}

/** A button that copies what `text()` gives and says so through `say`, naming `what`. */
export function copyButton(label, what, text, say, attributes = {}) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = attributes.class ?? 'secondary small';
  for (const [name, value] of Object.entries(attributes)) if (name !== 'class') button.setAttribute(name, value);
  button.textContent = label;
  button.addEventListener('click', async () => {
    const done = await copy(text());
    say(done ? `Copied ${what}.` : `Could not copy ${what}; select it and copy it yourself.`);
  });
  return button;
}
