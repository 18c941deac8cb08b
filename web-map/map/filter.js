// Parcel filter: class groups, area range, flags, planting attribute, circulation → tile params + count/area.
import { h, showError } from './ui.js';
import { t, te, num } from './i18n.js';
import { gql } from './api.js';
import { CLASS_GROUPS, GROUP_COLOURS } from './themes/land.js';

const PLANTING = ['LS', 'FLS', 'LYFL', 'XG', 'LLJZ', 'WG', 'JKHF', 'GCHF'];
const CIRC = ['none', 'listed', 'circulated'];

let countToken = 0;
export async function parcelCount(app, extra) {
  const d = await gql(`query($f: ParcelFilter) { parcels(filter: $f, first: 0) { totalCount totalAreaMu } }`, { f: app.parcelFilterGql(extra) });
  return d.parcels;
}

export function filterPanel(app) {
  const f = app.filter;
  const countEl = h('div.count', { 'data-testid': 'filter-count' }, t('loading'));
  const refresh = async () => {
    const token = ++countToken;
    countEl.classList.add('busy');
    try {
      const c = await parcelCount(app);
      if (token !== countToken) return;
      countEl.textContent = t('filter.count', { n: num(c.totalCount, 0), mu: num(c.totalAreaMu, 1), ha: num(c.totalAreaMu / 15, 1) });
      countEl.dataset.count = c.totalCount;
      countEl.dataset.area = c.totalAreaMu;
    } catch (err) {
      if (token === countToken) { countEl.textContent = err.display || err.message; showError(err); }
    } finally {
      if (token === countToken) countEl.classList.remove('busy');
    }
  };
  const apply = () => { app.applyFilter(); refresh(); };
  const toggleIn = (arr, v, on) => { const i = arr.indexOf(v); if (on && i < 0) arr.push(v); if (!on && i >= 0) arr.splice(i, 1); };
  const checks = (values, arr, label, colour) => h('div.checks', values.map((v) => h('label.chk',
    h('input', { type: 'checkbox', checked: arr.includes(v), value: v, onchange: (e) => { toggleIn(arr, v, e.target.checked); apply(); } }),
    colour ? h('span.sw', { style: { background: colour(v) } }) : null, h('span', label(v)))));
  const tri = (key, label) => h('label.tri', h('span', t(label)), h('select', {
    'data-flag': key,
    onchange: (e) => { f[key] = e.target.value === '' ? null : e.target.value === 'true'; apply(); },
  }, ['', 'true', 'false'].map((v) => h('option', { value: v, selected: String(f[key] ?? '') === v }, v === '' ? t('any') : t(v === 'true' ? 'yes' : 'no')))));
  const numIn = (key, ph) => h('input.num', {
    type: 'number', min: 0, step: 'any', inputmode: 'decimal', placeholder: t(ph), value: f[key] ?? '', 'data-range': key,
    onchange: (e) => { f[key] = e.target.value === '' ? null : Number(e.target.value); apply(); },
  });
  const county = app.counties.find((c) => c.code === app.county);
  const box = h('div.filter',
    h('p.muted', t('filter.scope', { name: county ? county.name : '' })),
    countEl,
    h('h3', t('filter.groups')), checks(CLASS_GROUPS, f.groups, (v) => te('cg', v), (v) => GROUP_COLOURS[v]),
    h('h3', t('filter.area')), h('div.range', numIn('areaMin', 'min'), h('span', '–'), numIn('areaMax', 'max')),
    h('p.note', t('filter.areaNote')),
    h('h3', t('filter.flags')), tri('pbf', 'pbf'), tri('hsf', 'hsf'),
    h('h3', t('filter.planting')), checks(PLANTING, f.planting, (v) => `${v} ${te('pa', v)}`),
    h('h3', t('filter.circ')), checks(CIRC, f.circ, (v) => te('circ', v)),
    h('div.actions', h('button.btn', {
      onclick: () => {
        Object.assign(f, { groups: [], areaMin: null, areaMax: null, pbf: null, hsf: null, planting: [], circ: [] });
        app.applyFilter();
        app.showPanel('filter');
      },
    }, t('filter.reset'))),
  );
  refresh();
  return box;
}
