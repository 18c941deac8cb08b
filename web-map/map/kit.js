// Building blocks for detail panels.
import { h } from './ui.js';
import { t, num } from './i18n.js';

/** Key/value table; rows with value null/undefined are left out. */
export function kv(rows) {
  return h('dl.kv', rows.filter((r) => r && r[1] != null && r[1] !== '').flatMap(([k, v]) => [h('dt', t(k)), h('dd', v instanceof Node ? v : String(v))]));
}
export const yesno = (b) => (b == null ? null : h(`span.flag.${b ? 'yes' : 'no'}`, t(b ? 'yes' : 'no')));
export const unit = (v, u, d = 2) => (v == null ? null : `${num(v, d)} ${t(u)}`);
export const m2mu = (m2) => (m2 == null ? null : m2 / (2000 / 3));
export function link(text, onclick) {
  return h('a', { href: '#', onclick: (e) => { e.preventDefault(); onclick(); } }, text);
}
export function synthBadge(synthetic) {
  return synthetic ? h('span.badge.synth', { title: t('syntheticTip') }, t('synthetic')) : null;
}
/** Bounding-box query around a point: [lon-d, lat-d, lon+d, lat+d]. */
export function around(at, d = 0.0005) {
  return [at[0] - d, at[1] - d, at[0] + d, at[1] + d];
}
export function pickById(edges, id) {
  const nodes = (edges || []).map((e) => e.node ?? e);
  return nodes.find((n) => String(n.id) === String(id)) || null;
}
export function notFound() {
  const e = new Error(t('err.notFound'));
  e.code = 'NOT_FOUND';
  e.display = `NOT_FOUND: ${e.message}`;
  return e;
}
