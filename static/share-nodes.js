// Small DOM builders for the share dialog's invitation sections: elements with their attributes and
// children in one call, and labelled fields, so every control gets its label.

/**
 * `el('button', {type: 'button', class: 'small'}, 'Copy')`: attributes by name (`class`, `for`, `data-*`,
 * `aria-*` included; true sets an empty attribute, false/null/undefined none), then children (strings become text).
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

/**
 * A button that runs `run` when clicked and stays disabled until it settles, so a second click cannot
 * send the same request twice: `actionButton('Cancel', {class: 'danger small'}, cancel)`.
 */
export function actionButton(label, attributes, run) {
  const button = el('button', { type: 'button', ...attributes }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await run();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** A <select> of [value, words] choices, the first selected. */
export function select(id, choices) {
  return el('select', { id }, ...choices.map(([value, words]) => el('option', { value }, words)));
}

/** A label for `control` (which must carry its id) and the control, as a block for a .row. */
export function field(label, control) {
  return el('div', { class: 'field' }, el('label', { for: control.id }, label), control);
}

/** A time in words the reader's browser uses: "6 Dec 2026, 07:40". */
export function when(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}
