// Search: village/township names (adminUnits), parcel BSM (parcelByBsm), TBBH within a village ("村名 编号"),
// and places (settlements).
import { h, debounce, showError } from './ui.js';
import { t, te } from './i18n.js';
import { gql } from './api.js';

async function findTbbh(villageCode, tbbh) {
  let after = null;
  for (let page = 0; page < 5; page++) {
    const d = await gql(`query($f: ParcelFilter, $a: String) { parcels(filter: $f, first: 1000, after: $a) { pageInfo { hasNextPage endCursor } edges { node { id tbbh bsm landClassName } } } }`,
      { f: { adminCode: villageCode }, a: after });
    const hit = d.parcels.edges.find((e) => e.node.tbbh === tbbh);
    if (hit) return hit.node;
    if (!d.parcels.pageInfo.hasNextPage) return null;
    after = d.parcels.pageInfo.endCursor;
  }
  return null;
}

export async function search(app, q) {
  q = q.trim();
  const results = [];
  if (!q) return results;
  const tasks = [];
  if (/^[0-9A-Za-z]{10,}$/.test(q)) {
    tasks.push(gql(`query($b: String!) { parcelByBsm(bsm: $b) { id bsm tbbh landClassName locationUnitName } }`, { b: q }).then((d) => {
      const p = d.parcelByBsm;
      if (p) results.push({ group: 'searchParcel', label: `${p.bsm} · ${p.landClassName}`, sub: p.locationUnitName, ref: { kind: 'parcel', id: p.id } });
    }).catch(() => {}));
  }
  const m = /^(.+?)[\s/]+(\d{1,8})$/.exec(q);
  const name = m ? m[1] : q;
  if (!/^\d+$/.test(name)) {
    tasks.push(gql(`query($n: String) { adminUnits(nameContains: $n) { code name level kind parent { name } } }`, { n: name }).then(async (d) => {
      const units = d.adminUnits.sort((a, b) => (b.code.startsWith(app.county || '-') - a.code.startsWith(app.county || '-')));
      if (m) {
        const v = units.find((u) => u.level === 'VILLAGE');
        if (v) {
          const p = await findTbbh(v.code, m[2]);
          if (p) results.unshift({ group: 'searchParcel', label: `${v.name} ${p.tbbh} · ${p.landClassName}`, sub: p.bsm, ref: { kind: 'parcel', id: p.id } });
        }
        return;
      }
      for (const u of units.slice(0, 12)) {
        results.push({ group: 'searchVillage', label: u.name, sub: `${te('level', u.level)} · ${u.parent?.name ?? ''} · ${u.code}`, ref: { kind: 'admin', id: u.code } });
      }
    }));
    if (!m) {
      tasks.push(gql(`query($n: String) { settlements(nameContains: $n) { id name kind villageCode geometry(precision: 6) } }`, { n: name }).then((d) => {
        for (const s of d.settlements.slice(0, 8)) {
          results.push({ group: 'searchPlace', label: s.name, sub: s.kind, ref: { kind: 'settlement', id: s.id, at: s.geometry.coordinates, county: s.villageCode?.slice(0, 6) } });
        }
      }));
    }
  } else if (app.sel?.kind === 'admin' && String(app.sel.id).length === 12) {
    tasks.push(findTbbh(String(app.sel.id), name).then((p) => {
      if (p) results.push({ group: 'searchParcel', label: `${p.tbbh} · ${p.landClassName}`, sub: p.bsm, ref: { kind: 'parcel', id: p.id } });
    }));
  }
  await Promise.all(tasks);
  const order = { searchParcel: 0, searchVillage: 1, searchPlace: 2 };
  return results.sort((a, b) => order[a.group] - order[b.group]);
}

export function mountSearch(app, container) {
  const input = h('input.searchbox', { type: 'search', autocomplete: 'off', 'aria-label': t('search') });
  const list = h('ul.results', { role: 'listbox', hidden: true });
  let token = 0;
  const open = (r) => {
    list.hidden = true;
    input.blur();
    app.select(r.ref, { fly: true });
  };
  const run = debounce(async () => {
    const q = input.value;
    const my = ++token;
    if (!q.trim()) { list.hidden = true; return; }
    try {
      const res = await search(app, q);
      if (my !== token) return;
      list.replaceChildren(...(res.length ? res.map((r) => h('li', { role: 'option', tabindex: 0, onclick: () => open(r), onkeydown: (e) => { if (e.key === 'Enter') open(r); } },
        h('span.grp', t(r.group)), h('b', r.label), h('small', r.sub || ''))) : [h('li.none', /^\d{1,8}$/.test(q.trim()) ? t('tbbhHint') : t('noResults'))]));
      list.hidden = false;
    } catch (err) { showError(err); }
  }, 300);
  input.addEventListener('input', run);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { const first = list.querySelector('li[role=option]'); if (first) first.click(); else run(); }
    if (e.key === 'Escape') list.hidden = true;
  });
  document.addEventListener('click', (e) => { if (!container.contains(e.target)) list.hidden = true; });
  container.append(input, list);
  const label = () => { input.placeholder = t('search'); input.setAttribute('aria-label', t('search')); };
  label();
  app.on('lang', label);
}
