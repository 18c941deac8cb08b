// Building blocks of the administrators' panel: error boxes that show every server message, dates, fields,
// county check boxes.
import { h } from './ui.js';
import { t, getLang } from './i18n.js';

/** Every message of a failed request: all GraphQL errors[].message with their codes. */
export function errorText(err) {
  if (err?.errors?.length) return err.errors.map((e) => `${e.extensions?.code ? `${e.extensions.code}: ` : ''}${e.message}`).join('\n');
  return err?.display || err?.message || String(err);
}
export function errorBox() {
  const el = h('p.error.admin-error', { role: 'alert', hidden: true, 'data-testid': 'admin-error' });
  el.show = (err) => { el.hidden = !err; el.textContent = err ? errorText(err) : ''; };
  return el;
}
/** An instant in the reader's time zone, or — for none. */
export function when(iso) {
  if (!iso) return t('none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });
}
export function field(label, input, hint) {
  return h('label.field', h('span', t(label)), input, hint ? h('small.muted', t(hint)) : null);
}
export function countyName(app, code) {
  return app.counties.find((c) => c.code === code)?.name || code;
}
export function countyList(app, codes, role) {
  if (role === 'ADMIN') return t('auth.allCounties');
  return codes.map((c) => countyName(app, c)).join('、') || t('none');
}
/** Check boxes of the data set's counties; el.values() gives the checked codes. */
export function countyChecks(app, selected = []) {
  const el = h('div.checks.counties', app.counties.map((c) => h('label.chk',
    h('input', { type: 'checkbox', value: c.code, checked: selected.includes(c.code), 'data-county': c.code }),
    h('span', `${c.name} (${c.code})`))));
  el.values = () => [...el.querySelectorAll('input:checked')].map((i) => i.value);
  el.enable = (on) => el.querySelectorAll('input').forEach((i) => { i.disabled = !on; });
  return el;
}
export function roleSelect(value = 'STAFF') {
  return h('select', { 'data-field': 'role' }, ['STAFF', 'ADMIN'].map((r) => h('option', { value: r, selected: r === value }, t(`role.${r.toLowerCase()}`))));
}
