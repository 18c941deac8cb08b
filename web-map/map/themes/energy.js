// Household PV sites, distribution transformers and homesteads. The PV & homestead theme issue extends this.
import { registerTheme } from '../themes.js';
import { gql } from '../api.js';
import { h, toast, showError } from '../ui.js';
import { t, te, num } from '../i18n.js';
import { kv, unit, synthBadge, notFound, pickById, around, link } from '../kit.js';
import { householdBlock } from '../personal.js';

const PV_COLOURS = { connected: '#1565c0', built: '#42a5f5', filed: '#90caf9', surveyed: '#b0bec5', candidate: '#cfd8dc', rejected: '#8d6e63' };
// 可开放容量 grading: green C2 > 0, yellow C2 ≤ 0 < C1, red C1 ≤ 0 or a red line / main transformer above.
const GRADE_COLOURS = { green: '#2e7d32', yellow: '#f9a825', red: '#c62828' };
const PV_FIELDS = `id countyCode siteKind roofType roofAreaM2 usableAreaM2 capacityKw gridMode ownerType status version filingNo queuePosition filingRank
  withinCapacity connectedOn tiltDeg azimuthDeg collectiveInvested synthetic village { name }
  estimate { estimatedKwp annualHours annualKwh yuanPerKwh annualIncomeYuan investmentYuan paybackYears collectiveIncomeYuan householdIncomeYuan }
  assumptions { gridRegion wattsPerM2 annualHours benchmarkPrice benchmarkVerified retailPrice selfUseShare investmentYuanPerKw collectiveShare hostingRule source }
  transformer { id name grade c1Kw c2Kw pvHostingKw geometry(precision: 6) } work { consentOn signedBy masked rejectReason history { toStatus changedAt changedBy reason } }
  geometry(precision: 7)`;
// The staff buttons of each status: the next steps of the workflow (PvWorkflow on the server checks every rule again).
const PV_NEXT = { CANDIDATE: ['survey', 'REJECTED'], SURVEYED: ['consent', 'FILED', 'REJECTED'], FILED: ['BUILT', 'REJECTED'], BUILT: ['CONNECTED', 'REJECTED'] };
const gradeBadge = (g) => (g ? h(`span.flag.grade-${g.toLowerCase()}`, { style: `background:${GRADE_COLOURS[g.toLowerCase()]};color:#fff;padding:0 4px;border-radius:3px` }, t('pv.' + g.toLowerCase())) : null);

/** The PV site panel: estimate, its assumptions, the transformer and the queue; staff of the county get the workflow's buttons. */
function pvPanel(s, app) {
  const e = s.estimate, a = s.assumptions, tr = s.transformer;
  const staff = app.isStaffIn(s.countyCode);
  const act = async (step) => {
    const v = { id: s.id, v: s.version };
    let q;
    if (step === 'survey') {
      q = 'mutation($id: ID!, $v: Int!) { surveyPvSite(id: $id, input: {}, expectedVersion: $v) { id } }';
    } else if (step === 'consent') {
      const who = window.prompt(t('pv.signedBy'));
      if (!who) return;
      Object.assign(v, { who, on: new Date().toISOString().slice(0, 10) });
      q = 'mutation($id: ID!, $v: Int!, $who: String!, $on: Date!) { recordPvConsent(id: $id, consentOn: $on, signedBy: $who, expectedVersion: $v) { id } }';
    } else {
      if (step === 'FILED') { v.f = window.prompt(t('pv.filingNo')); if (!v.f) return; }
      if (step === 'REJECTED') { v.r = window.prompt(t('pv.reason')); if (!v.r) return; }
      v.s = step;
      q = 'mutation($id: ID!, $v: Int!, $s: PvStatus!, $f: String, $r: String) { setPvSiteStatus(id: $id, status: $s, filingNo: $f, reason: $r, expectedVersion: $v) { id } }';
    }
    try {
      await gql(q, v);
      toast(t('saved'));
      app.select(app.sel, { reload: true });
    } catch (err) {
      showError(err);
    }
  };
  return h('div', { 'data-testid': 'pv-panel', 'data-status': s.status },
    h('div.swatchline', h('b', `${te('pvkind', s.siteKind)} · ${num(s.capacityKw)} kW`), synthBadge(s.synthetic)),
    kv([
      ['status', te('pv', s.status.toLowerCase())], ['code', s.filingNo], ['capacity', unit(s.capacityKw, 'kw')],
      ['roofArea', `${num(s.roofAreaM2, 0)} m² · ${t('pv.usable')} ${num(s.usableAreaM2, 0)} m²`], ['gridMode', te('grid', s.gridMode)],
      ['pv.tilt', s.tiltDeg != null ? `${num(s.tiltDeg, 0)}° / ${num(s.azimuthDeg, 0)}°` : null], ['connected', s.connectedOn], ['village', s.village.name],
    ]),
    h('h4', t('pv.estimate')),
    h('div', { 'data-testid': 'pv-estimate' }, kv([
      ['pv.kwh', `${num(e.annualKwh, 0)} kWh (${num(e.annualHours, 0)} h)`], ['pv.price', `${num(e.yuanPerKwh, 4)} 元/kWh`],
      ['pv.income', `${num(e.annualIncomeYuan, 0)} 元/年`], ['pv.investment', `${num(e.investmentYuan, 0)} 元`],
      ['pv.payback', e.paybackYears != null ? `${num(e.paybackYears, 1)} 年` : null],
      ['pv.collective', s.collectiveInvested ? `${num(e.collectiveIncomeYuan, 0)} 元/年` : null],
    ])),
    a && h('details', { 'data-testid': 'pv-assumptions' }, h('summary', t('pv.assumptions')), kv([
      ['pv.region', a.gridRegion], ['pv.benchmark', `${num(a.benchmarkPrice, 4)} 元/kWh${a.benchmarkVerified ? '' : ' ⚠ ' + t('pv.unverified')}`],
      ['pv.retail', `${num(a.retailPrice, 4)} 元/kWh · ${t('pv.selfUse')} ${num(a.selfUseShare * 100, 0)} %`],
      ['pv.density', `${num(a.wattsPerM2, 0)} W/m² · ${num(a.annualHours, 0)} h`], ['pv.investment', `${num(a.investmentYuanPerKw, 0)} 元/kW`],
      ['pv.rule', a.hostingRule], ['pv.source', a.source],
    ])),
    tr && h('div', { 'data-testid': 'pv-transformer' }, h('h4', t('layer.transformers'), ' ', gradeBadge(tr.grade)), kv([
      ['transformer', link(tr.name, () => app.select({ kind: 'transformer', id: tr.id, at: tr.geometry.coordinates }, { fly: true }))],
      ['hosting', unit(tr.pvHostingKw, 'kw')], ['C1', unit(tr.c1Kw, 'kw')], ['C2', unit(tr.c2Kw, 'kw')],
      ['queue', s.filingRank ? (s.queuePosition ? `${t('queue')} ${s.queuePosition} (${t('pv.rank')} ${s.filingRank})` : `${t('pv.within')} (${t('pv.rank')} ${s.filingRank})`) : null],
    ])),
    s.work && h('div', { 'data-testid': 'pv-work' }, kv([
      ['pv.consent', s.work.consentOn ? `${s.work.consentOn} · ${s.work.signedBy}${s.work.masked ? ' (' + t('masked') + ')' : ''}` : t('pv.noConsent')],
      ['pv.reason', s.work.rejectReason],
      ['pv.history', s.work.history.map((x) => `${te('pv', x.toStatus.toLowerCase())} ${x.changedAt.slice(0, 10)} ${x.changedBy}`).join(' → ') || null],
    ])),
    staff && PV_NEXT[s.status] && h('div.actions', { 'data-testid': 'pv-actions' }, ...PV_NEXT[s.status].map((step) =>
      h('button', { type: 'button', 'data-step': step, onclick: () => act(step) }, t('pv.do.' + step)))),
  );
}

const OCC_COLOURS = { occupied: '#c8a27a', seasonal: '#e6c35c', idle: '#ff7043', abandoned: '#8d6e63' };
// The outline by revitalization status (the workflow), dashed for dangerous houses.
const REV_COLOURS = { idle: '#6d4c41', surveyed: '#f9a825', listed: '#1e88e5', negotiating: '#8e24aa', revitalized: '#2e7d32', withdrawn: '#9e9e9e' };

registerTheme({
  id: 'energy',
  title: 'theme.energy',
  layers: [
    {
      // perViewer: the public sees homesteads offered for revitalization, staff all of their counties.
      id: 'homesteads', tiles: 'homesteads', zIndex: 42, minZoom: 13, perViewer: true,
      serverExport: { mutation: 'exportHomesteads', input: 'HomesteadFilter', county: 'adminCode' },
      style: (p) => ({ fill: OCC_COLOURS[p.occupancy] || '#ccc', stroke: REV_COLOURS[p.revitalization] || '#6d4c41', width: REV_COLOURS[p.revitalization] ? 2 : 0.8, dash: p.condition === 'dangerous' }),
      legend: () => Object.entries(OCC_COLOURS).map(([k, c]) => ({ label: `${t('layer.homesteads')} · ${te('occ', k)}`, fill: c, stroke: '#6d4c41' })),
      pick: (f, at) => ({ kind: 'homestead', id: f.props.id ?? f.id, at }),
      hover: (p) => `${t('layer.homesteads')} · ${te('occ', p.occupancy)} · ${te('rev', String(p.revitalization).toUpperCase())}`,
    },
    {
      id: 'pv_sites', tiles: 'pv_sites', zIndex: 44, minZoom: 12,
      serverExport: { mutation: 'exportPvSites', input: 'PvSiteFilter', county: 'adminCode' },
      style: (p) => ({ fill: PV_COLOURS[p.status] || '#1565c0', stroke: '#0d47a1', width: 0.8 }),
      legend: () => ['connected', 'built', 'filed', 'candidate'].map((s) => ({ label: `${t('layer.pv_sites')} · ${te('pv', s)}`, fill: PV_COLOURS[s], stroke: '#0d47a1' })),
      pick: (f, at) => ({ kind: 'pv', id: f.props.id ?? f.id, at }),
      hover: (p) => `${t('layer.pv_sites')} · ${num(p.capacity_kw)} kW · ${te('pv', p.status)}`,
    },
    {
      id: 'transformers', tiles: 'transformers', zIndex: 90, minZoom: 10,
      serverExport: { mutation: 'exportDistributionTransformers', county: 'adminCode' },
      style: (p, z) => ({ fill: GRADE_COLOURS[p.grade] || '#999', stroke: '#fff', width: 1.5, radius: z >= 14 ? 6 : 4 }),
      legend: () => Object.entries(GRADE_COLOURS).map(([g, c]) => ({ label: `${t('layer.transformers')} · ${t('pv.' + g)}`, fill: c, point: true })),
      pick: (f, at) => ({ kind: 'transformer', id: f.props.id ?? f.id, at }),
      hover: (p) => `${p.name} · ${t('pv.' + p.grade)} · C1 ${num(p.c1_kw)} / C2 ${num(p.open_kw)} kW`,
    },
  ],
  details: {
    pv: {
      load: async (ref) => {
        const d = await gql(`query($id: ID!) { pvSite(id: $id) { ${PV_FIELDS} } }`, { id: String(ref.id) });
        return d.pvSite || Promise.reject(notFound());
      },
      title: (s) => `${t('layer.pv_sites')} ${s.filingNo || s.id}`,
      geometry: (s) => s.geometry,
      render: (s, app) => pvPanel(s, app),
    },
    transformer: {
      load: async (ref) => {
        const d = await gql(`query($b: [Float!]) { distributionTransformers(bbox: $b, first: 100) { edges { node {
          id name assetNo countyCode version ratedKva voltageKv hostingRule pvHostingKw connectedPvKw pendingPvKw c1Kw c2Kw grade upstreamRed openCapacityKw synthetic
          minNoonLoadKw otherGenerationKw storageChargeKw parallelCount pvHostingRatio
          upstream { id name openCapacityKw parent { name openCapacityKw } } queue { id capacityKw status queuePosition withinCapacity }
          village { name } geometry(precision: 6) } } } }`, { b: around(ref.at, 0.002) });
        return pickById(d.distributionTransformers.edges, ref.id) || Promise.reject(notFound());
      },
      title: (x) => x.name,
      geometry: (x) => x.geometry,
      render: (x) => h('div', { 'data-testid': 'transformer-panel', 'data-grade': x.grade }, h('div.swatchline', h('b', x.name), gradeBadge(x.grade), synthBadge(x.synthetic)), kv([
        ['code', x.assetNo], ['ratedKva', x.ratedKva], ['pv.rule', x.hostingRule], ['hosting', unit(x.pvHostingKw, 'kw')], ['connected', unit(x.connectedPvKw, 'kw')],
        ['pending', unit(x.pendingPvKw, 'kw')], ['C1', unit(x.c1Kw, 'kw')], ['C2', unit(x.c2Kw, 'kw')],
        ['pv.upstream', x.upstream && `${x.upstream.name} ${num(x.upstream.openCapacityKw)} kW${x.upstreamRed ? ' · ' + t('pv.red') : ''}`],
        ['queue', x.queue.length ? x.queue.map((q) => `#${q.id} ${num(q.capacityKw)} kW${q.queuePosition ? ` (${t('queue')} ${q.queuePosition})` : ''}`).join(', ') : null],
        ['village', x.village.name],
      ])),
    },
    homestead: {
      load: async (ref) => {
        const d = await gql(`query($b: [Float!]) { homesteads(filter: { bbox: $b }, first: 200) { edges { node {
          id certificateNo countyCode siteAreaM2 approvedAreaM2 occupancy idleSince idleYears revitalizationStatus version condition synthetic village { name }
          household { householdNo members headName idNumber phone masked }
          houses { id floorAreaM2 floors structure builtYear condition safetyGrade safetyCheckedOn } revitalizations { mode newUse status termStart termEnd }
          latestSafetyCheck { checkedOn condition safetyGrade findings checkedBy }
          geometry(precision: 7) } } } }`, { b: around(ref.at) });
        return pickById(d.homesteads.edges, ref.id) || Promise.reject(notFound());
      },
      title: (x) => `${t('layer.homesteads')} ${x.certificateNo || x.id}`,
      geometry: (x) => x.geometry,
      render: (x, app) => h('div', h('div.swatchline', h('b', `${t('layer.homesteads')} ${x.certificateNo || ''}`), synthBadge(x.synthetic)), kv([
        ['occupancy', te('occ', x.occupancy)], ['idleYears', x.idleYears != null ? num(x.idleYears, 1) : null],
        ['revitalization', te('rev', x.revitalizationStatus)], ['siteArea', `${num(x.siteAreaM2, 0)} m²`], ['village', x.village.name],
        ['houses', x.houses.map((o) => `${num(o.floorAreaM2, 0)} m² · ${o.floors}F · ${o.structure} · ${o.builtYear ?? ''} · ${o.condition}`).join('; ')],
        ['mode', x.revitalizations.map((r) => `${r.mode} → ${r.newUse} (${r.status})`).join('; ')],
      ]), householdBlock(x.household, { signedIn: !!app.session?.signedIn, staffHere: app.isStaffIn(x.countyCode) })),
    },
  },
});
