// A question asked inside the dialog before a change that cannot be undone from here (removing oneself,
// giving up one's own admin rights). Not window.confirm: a frame of another origin may not be allowed
// one, and this one is part of the page, read out when it appears and answered by keyboard or pointer.

/**
 * A bar in `host` that asks one question at a time. `ask(text, yes)` shows it, moves focus to Cancel
 * (the safe answer) and resolves true for the button named `yes`, false for Cancel or Escape.
 */
export function confirmBar(host) {
  const bar = document.createElement('div');
  bar.className = 'confirm';
  bar.setAttribute('role', 'alertdialog');
  bar.hidden = true;
  const text = document.createElement('p');
  text.id = `${host.id}-confirm-text`;
  bar.setAttribute('aria-describedby', text.id);
  const yes = button('danger small');
  const no = button('secondary small');
  no.textContent = 'Cancel';
  const buttons = document.createElement('p');
  buttons.append(yes, ' ', no);
  bar.append(text, buttons);
  host.append(bar);
  let answer = null;

  const done = (value) => {
    bar.hidden = true;
    const resolve = answer;
    answer = null;
    resolve?.(value);
  };
  yes.addEventListener('click', () => done(true));
  no.addEventListener('click', () => done(false));
  bar.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    // Escape answers the question; it must not also close the whole dialog.
    event.stopPropagation();
    done(false);
  });

  return {
    ask(question, yesLabel) {
      done(false);
      text.textContent = question;
      yes.textContent = yesLabel;
      bar.hidden = false;
      no.focus();
      return new Promise((resolve) => { answer = resolve; });
    },
  };
}

function button(className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  return b;
}
