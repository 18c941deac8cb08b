// Statistics of the current county, township or village: area by class group (bars), high-standard farmland
// coverage and permanent basic farmland share (rings), and progress against the county's plan targets.
import { h, showError } from './ui.js';
import { t, te, num, areaMu } from './i18n.js';
import { gql } from './api.js';
import { GROUP_COLOURS } from './themes/land.js';
import { barChart, ring, progress } from './charts.js';

const unitsCache = new Map();
async function childUnits(code, level) {
  const key = `${code}:${level}`;
  if (!unitsCache.has(key)) {
    unitsCache.set(key, gql(`query($p: String, $l: AdminLevel) { adminUnits(parentCode: $p, level: $l) { code name } }`, { p: code, l: level })
      .then((d) => d.adminUnits).catch((e) => { unitsCache.delete(key); throw e; }));
  }
  return unitsCache.get(key);
}

export function groupBars(rows) {
  const data = rows.map((r) => ({
    code: String(r.keys[0].code).toLowerCase(), value: r.netAreaMu, count: r.count,
  })).sort((a, b) => b.value - a.value);
  return barChart(data.map((r) => ({ label: te('cg', r.code), value: r.value, colour: GROUP_COLOURS[r.code] || '#ccc' })), { unit: t('mu') });
}

export function statsPanel(app) {
  const code = app.statsUnit || app.county;
  const box = h('div.stats');
  if (!code) return box;
  const countyCode = code.slice(0, 6);
  const body = h('div', h('p.muted.loadingtext', t('loading')));
  const townSel = h('select', { 'aria-label': t('township'), onchange: (e) => { app.statsUnit = e.target.value || countyCode; app.showPanel('stats'); } },
    h('option', { value: '' }, t('stats.allTownships')));
  const villSel = h('select', { 'aria-label': t('village'), onchange: (e) => { app.statsUnit = e.target.value || code.slice(0, 9); app.showPanel('stats'); } },
    h('option', { value: '' }, t('stats.allVillages')));
  box.append(h('div.unitpick', h('label', t('stats.unit')), townSel, villSel), body);
  childUnits(countyCode, 'TOWNSHIP').then((list) => {
    townSel.append(...list.map((u) => h('option', { value: u.code, selected: code.startsWith(u.code) }, u.name)));
  }).catch(showError);
  if (code.length >= 9) {
    childUnits(code.slice(0, 9), 'VILLAGE').then((list) => {
      villSel.append(...list.map((u) => h('option', { value: u.code, selected: code === u.code }, u.name)));
    }).catch(showError);
  } else villSel.disabled = true;

  gql(`query($c: String!, $county: String) {
    u: adminUnit(code: $c) { code name kind level synthetic summary { parcelCount netAreaMu farmlandMu permanentBasicFarmlandMu highStandardFarmlandMu circulatedMu listedMu } }
    s: landStats(filter: { adminCode: $c }, groupBy: [CLASS_GROUP]) { keys { code name } count netAreaMu areaMu }
    p: planTargets(countyCode: $county) { year metric targetValue achievedValue progress unit synthetic sourceDocument
      byUnit(level: TOWNSHIP) { unit { code name } achievedValue shareOfTarget } } }`, { c: code, county: countyCode })
    .then(({ u, s, p }) => {
      const sm = u.summary;
      body.replaceChildren(
        h('h2', `${u.name}`, ' ', h('span.muted', te('level', u.level))),
        h('dl.kv.compact',
          h('dt', t('parcels')), h('dd', num(sm.parcelCount, 0)),
          h('dt', t('netArea')), h('dd', areaMu(sm.netAreaMu, 0)),
          h('dt', t('stats.farmland')), h('dd', areaMu(sm.farmlandMu, 0)),
          h('dt', t('stats.circulated')), h('dd', areaMu(sm.circulatedMu, 0))),
        h('h3', t('stats.byGroup')),
        groupBars(s),
        h('div.rings',
          ring(sm.farmlandMu ? sm.highStandardFarmlandMu / sm.farmlandMu : 0, t('stats.hsfCoverage'), '#1f6fd1'),
          ring(sm.farmlandMu ? sm.permanentBasicFarmlandMu / sm.farmlandMu : 0, t('stats.pbfShare'), '#e67e22')),
        h('h3', t('stats.targets')),
        p.length ? h('div.targets', p.map((x) => progress(x.progress, `${x.year} ${te('metric', x.metric)}`,
          `${num(x.achievedValue, 0)} / ${num(x.targetValue, 0)} ${x.unit}`,
          x.synthetic ? h('span.badge.example', { title: t('stats.exampleTip') }, t('stats.example')) : null))) : h('p.muted', t('none')),
        // Progress by township: each township's share of the county target, for the metrics measured per unit.
        ...p.filter((x) => x.byUnit && x.byUnit.length).map((x) => h('details.bytownship',
          h('summary', `${t('stats.byTownship')} · ${x.year} ${te('metric', x.metric)}`),
          barChart(x.byUnit.map((r) => ({ label: r.unit.name, value: r.achievedValue,
            colour: code.length >= 9 && r.unit.code === code.slice(0, 9) ? '#e67e22' : '#1f6fd1' })), { unit: x.unit }))),
      );
    })
    .catch((err) => { body.replaceChildren(h('p.error', err.display || err.message)); showError(err); });
  return box;
}
