// Building blocks of the staff work forms (listing-work.js, contract-work.js, dispute-work.js): a modal form whose
// fields each carry an error slot, the API's refusal shown next to the field it names (extensions.argument, e.g.
// "input.contactOffice" → the field contactOffice), and a redraw of the layers whose rows changed.
import { h } from './ui.js';
import { t, addMessages } from './i18n.js';

addMessages({
  'work.cancel': '取消', 'work.save': '保存', 'work.saving': '提交中…', 'work.reason': '说明（可选）', 'work.optional': '（可选）',
  'work.conflict': '该记录已被他人修改，已重新加载，请核对后再操作。', 'work.fieldError': '请检查：{field}',
}, {
  'work.cancel': 'Cancel', 'work.save': 'Save', 'work.saving': 'Sending…', 'work.reason': 'Note (optional)', 'work.optional': ' (optional)',
  'work.conflict': 'Someone else changed this record; it was reloaded — check it and try again.', 'work.fieldError': 'Check: {field}',
});

/** A labelled input with its error slot: the API's refusal of argument input.<name> is shown in the slot. */
export function field(name, label, input, hint) {
  if (input.name === '' || input.name == null) input.name = name;
  input.dataset.field = name;
  return h('label.field', { 'data-field-box': name }, h('span', label), input,
    hint ? h('small.note', hint) : null, h('small.field-error', { 'data-error-for': name, role: 'alert', hidden: true }));
}
export const input = (attrs = {}) => h('input', { type: 'text', ...attrs });
export const numInput = (attrs = {}) => h('input.num', { type: 'number', step: 'any', inputmode: 'decimal', ...attrs });
export const select = (values, label, selected, attrs = {}) => h('select', attrs,
  values.map((v) => h('option', { value: v, selected: v === selected }, label(v))));
export const checks = (name, values, label, on = []) => h('div.checks', { 'data-field': name },
  values.map((v) => h('label.chk', h('input', { type: 'checkbox', value: v, checked: on.includes(v), [`data-${name}`]: v }), h('span', label(v)))));
export const checked = (box) => [...box.querySelectorAll('input[type=checkbox]:checked')].map((x) => x.value);

/** The API's error field (extensions.argument without its "input." prefix), or null. */
export function errorField(err) {
  const arg = err?.errors?.[0]?.extensions?.argument;
  return arg ? String(arg).replace(/^input\./, '') : null;
}
/** A version conflict: the record changed since it was read (the API names expectedVersion). */
export const isConflict = (err) => /expectedVersion$/.test(err?.errors?.[0]?.extensions?.argument || '') && /changed meanwhile|version/i.test(err?.message || '');

/**
 * Shows an API error in a form: next to the field it names (the longest matching prefix of the argument path,
 * e.g. "parcels.areaMu" → parcels; prefix lets a sub-form take "creditCode" as "tf.creditCode"), else in the form's
 * general message.
 */
export function showFormError(form, err, prefix = '') {
  clearFormErrors(form);
  const general = form.querySelector('[data-testid=form-error]');
  let name = errorField(err);
  const msg = err?.display || err?.message || String(err);
  while (name) {
    const slot = form.querySelector(`[data-error-for="${prefix}${name}"]`);
    if (slot) {
      slot.hidden = false;
      slot.textContent = msg;
      slot.closest('[data-field-box]')?.classList.add('has-error');
      if (general) { general.hidden = false; general.textContent = t('work.fieldError', { field: slot.closest('[data-field-box]')?.querySelector('span')?.textContent || name }); }
      return;
    }
    name = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : null;
  }
  if (general) { general.hidden = false; general.textContent = msg; }
}
export function clearFormErrors(form) {
  for (const s of form.querySelectorAll('[data-error-for]')) { s.hidden = true; s.textContent = ''; }
  for (const b of form.querySelectorAll('.has-error')) b.classList.remove('has-error');
  const general = form.querySelector('[data-testid=form-error]');
  if (general) { general.hidden = true; general.textContent = ''; }
}

/**
 * A modal form: submit(form) does the work and returns true to close; its errors are shown in the form.
 * Returns the dialog (testid for tests).
 */
export function openForm(testid, title, body, submit, { submitLabel } = {}) {
  const go = h('button.btn.primary', { type: 'submit', 'data-testid': `${testid}-submit` }, submitLabel || t('work.save'));
  const form = h('form.work-form', {
    onsubmit: async (e) => {
      e.preventDefault();
      clearFormErrors(form);
      go.disabled = true;
      const label = go.textContent;
      go.textContent = t('work.saving');
      try {
        if (await submit(form)) dlg.close();
      } catch (err) {
        if (err?.name !== 'AbortError') showFormError(form, err, err.fieldPrefix || '');
      } finally {
        go.disabled = false;
        go.textContent = label;
      }
    },
  }, body, h('p.error.form-error', { 'data-testid': 'form-error', role: 'alert', hidden: true }),
  h('div.actions', go, h('button.btn', { type: 'button', onclick: () => dlg.close() }, t('work.cancel'))));
  const dlg = h('dialog.work', { 'data-testid': testid, 'aria-label': title }, h('h2', title), form);
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
  return dlg;
}

/** Draws the tile layers again whose rows a change touched (tiles are revalidated by ETag). */
export function redrawLayers(app, ...ids) {
  for (const id of ids) {
    const e = app.layers.get(id);
    if (e?.on) e.layer.setParams({ ...e.layer.options.params });
  }
}

/** Today (local) as YYYY-MM-DD, and that date moved by years and days. */
export function isoDate(d = new Date()) {
  const z = new Date(d.getTime() - d.getTimezoneOffset() * 60000);
  return z.toISOString().slice(0, 10);
}
export function addYears(iso, years, days = 0) {
  const [y, m, d] = iso.split('-').map(Number);
  const x = new Date(Date.UTC(y + years, m - 1, d + days));
  return x.toISOString().slice(0, 10);
}

/** A small note in a panel that survives its reload (e.g. the conflict message): set before, taken once when drawn. */
const notes = new Map();
export function noteFor(key, text) { notes.set(key, text); }
export function takeNote(key) { const n = notes.get(key); notes.delete(key); return n; }
