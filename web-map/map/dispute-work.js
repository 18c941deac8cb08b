// 纠纷调处 Disputes of signed-in staff on the map (issue #11): in the contract panel and the parcel panel, the
// disputes of the contract or parcel with their steps, 登记纠纷 (openDispute: kind, first stage, summary), and for an
// open one 添加调处步骤 (addDisputeStep: stage, date, outcome) and 结案 (resolveDispute with the outcome), both
// with the dispute's expectedVersion.
import { h, toast } from './ui.js';
import { t, addMessages } from './i18n.js';
import { gql } from './api.js';
import { registerDetailExtra } from './themes.js';
import { field, input, select, openForm, isoDate, redrawLayers } from './work-kit.js';

const KINDS = ['RENT_ARREARS', 'USE_CHANGE', 'BOUNDARY', 'ABANDONMENT', 'EARLY_TERMINATION', 'OTHER'];
const STAGES = ['NEGOTIATION', 'VILLAGE_MEDIATION', 'TOWNSHIP_MEDIATION', 'ARBITRATION', 'COURT'];

addMessages({
  'dw.title': '纠纷调处', 'dw.open': '登记纠纷', 'dw.step': '添加调处步骤', 'dw.resolve': '结案', 'dw.kind': '纠纷类型', 'dw.stage': '阶段',
  'dw.firstStage': '首个阶段', 'dw.summary': '纠纷描述（不得含电话、身份证号）', 'dw.openedOn': '受理日期', 'dw.startedOn': '开始日期', 'dw.outcome': '结果',
  'dw.resolvedOn': '结案日期', 'dw.none': '无纠纷记录', 'dw.opened': '已登记纠纷', 'dw.stepAdded': '已添加调处步骤', 'dw.resolved': '已结案',
  'dw.days': '{n} 天', 'dw.openNow': '调处中', 'dw.closed': '已结案',
  'dk.rent_arrears': '拖欠流转费', 'dk.use_change': '改变用途', 'dk.boundary': '四至界线', 'dk.abandonment': '撂荒', 'dk.early_termination': '提前解除', 'dk.other': '其他',
  'ds.negotiation': '协商', 'ds.village_mediation': '村调解', 'ds.township_mediation': '乡镇调解', 'ds.arbitration': '仲裁', 'ds.court': '诉讼', 'ds.resolved': '已结案',
}, {
  'dw.title': 'Disputes', 'dw.open': 'Record a dispute', 'dw.step': 'Add a mediation step', 'dw.resolve': 'Resolve', 'dw.kind': 'Kind', 'dw.stage': 'Stage',
  'dw.firstStage': 'First stage', 'dw.summary': 'Description (no phone or ID numbers)', 'dw.openedOn': 'Opened on', 'dw.startedOn': 'Started on', 'dw.outcome': 'Outcome',
  'dw.resolvedOn': 'Resolved on', 'dw.none': 'No dispute', 'dw.opened': 'Dispute recorded', 'dw.stepAdded': 'Step added', 'dw.resolved': 'Dispute resolved',
  'dw.days': '{n} days', 'dw.openNow': 'open', 'dw.closed': 'resolved',
  'dk.rent_arrears': 'Rent arrears', 'dk.use_change': 'Change of use', 'dk.boundary': 'Boundary', 'dk.abandonment': 'Abandonment', 'dk.early_termination': 'Early termination', 'dk.other': 'Other',
  'ds.negotiation': 'Negotiation', 'ds.village_mediation': 'Village mediation', 'ds.township_mediation': 'Township mediation', 'ds.arbitration': 'Arbitration', 'ds.court': 'Court', 'ds.resolved': 'Resolved',
});
const tl = (family, v) => t(`${family}.${String(v).toLowerCase()}`);

const DISPUTES = `query($c: ID, $p: ID) { circulationDisputes(contractId: $c, parcelId: $p, first: 50) { edges { node {
  id kind stage summary openedOn resolvedOn outcome version ageDays steps { stage startedOn endedOn outcome } } } } }`;

function openDisputeForm(app, target, reload) {
  const f = { kind: select(KINDS, (k) => tl('dk', k), 'RENT_ARREARS'), stage: select(STAGES, (s) => tl('ds', s), 'NEGOTIATION'),
    summary: h('textarea', { rows: 3, required: true }), openedOn: input({ type: 'date', value: isoDate() }) };
  openForm('dispute-form', t('dw.open'), h('div', field('kind', t('dw.kind'), f.kind), field('stage', t('dw.firstStage'), f.stage),
    field('summary', t('dw.summary'), f.summary), field('openedOn', t('dw.openedOn'), f.openedOn)), async () => {
    await gql('mutation($i: NewDisputeInput!) { openDispute(input: $i) { id } }', { i: {
      ...target, kind: f.kind.value, stage: f.stage.value, summary: f.summary.value.trim(), openedOn: f.openedOn.value || null } });
    toast(t('dw.opened'));
    reload();
    return true;
  });
}

function openStepForm(app, d, reload) {
  const next = STAGES[Math.min(STAGES.length - 1, STAGES.indexOf(String(d.stage).toUpperCase()) + 1)] || 'VILLAGE_MEDIATION';
  const f = { stage: select(STAGES, (s) => tl('ds', s), next), startedOn: input({ type: 'date', value: isoDate() }), outcome: input() };
  openForm('dispute-step-form', t('dw.step'), h('div', field('stage', t('dw.stage'), f.stage), field('startedOn', t('dw.startedOn'), f.startedOn),
    field('outcome', t('dw.outcome'), f.outcome)), async () => {
    await gql('mutation($id: ID!, $i: NewDisputeStepInput!) { addDisputeStep(id: $id, input: $i) { id version } }', { id: d.id, i: {
      expectedVersion: d.version, stage: f.stage.value, startedOn: f.startedOn.value || null, outcome: f.outcome.value.trim() || null } });
    toast(t('dw.stepAdded'));
    reload();
    return true;
  });
}

function openResolveForm(app, d, reload) {
  const f = { outcome: input({ required: true }), resolvedOn: input({ type: 'date', value: isoDate() }) };
  openForm('dispute-resolve-form', t('dw.resolve'), h('div', field('outcome', t('dw.outcome'), f.outcome), field('resolvedOn', t('dw.resolvedOn'), f.resolvedOn)), async () => {
    await gql('mutation($id: ID!, $v: Int!, $o: String!, $on: Date) { resolveDispute(id: $id, expectedVersion: $v, outcome: $o, resolvedOn: $on) { id } }',
      { id: d.id, v: d.version, o: f.outcome.value.trim(), on: f.resolvedOn.value || null });
    toast(t('dw.resolved'));
    reload();
    return true;
  });
}

/** The disputes section of a panel: target is { contractId } or { parcelId }. */
function disputeWork(app, county, target) {
  if (!app.isStaffIn?.(county)) return null;
  const box = h('div.work.dispute-work', { 'data-testid': 'dispute-work' });
  const reload = () => {
    redrawLayers(app, 'parcels');
    // The contract's status may change (DISPUTED and back): the whole panel reloads.
    app.select(app.sel, { reload: true });
  };
  const list = h('div', h('p.muted.loadingtext', t('loading')));
  box.append(h('h4', t('dw.title')), list,
    h('div.actions', h('button.btn', { 'data-testid': 'dispute-open', onclick: () => openDisputeForm(app, target, reload) }, `⚖ ${t('dw.open')}`)));
  gql(DISPUTES, { c: target.contractId ?? null, p: target.parcelId ?? null }).then(({ circulationDisputes }) => {
    const items = circulationDisputes.edges.map((e) => e.node);
    list.replaceChildren(items.length ? h('ul.plain.disputes', items.map((d) => h('li', { 'data-dispute': d.id, 'data-stage': d.stage, 'data-version': d.version },
      h('div', h('b', tl('dk', d.kind)), ` · ${tl('ds', d.stage)} · ${d.openedOn} · ${d.resolvedOn ? `${t('dw.closed')} ${d.resolvedOn}` : `${t('dw.openNow')} ${t('dw.days', { n: d.ageDays })}`}`),
      h('div', d.summary), d.outcome ? h('div.note', `${t('dw.outcome')}：${d.outcome}`) : null,
      h('ol.steps', d.steps.map((s) => h('li', `${s.startedOn} ${tl('ds', s.stage)}${s.outcome ? ` · ${s.outcome}` : ''}`))),
      d.resolvedOn ? null : h('div.actions',
        h('button.btn.small', { 'data-testid': 'dispute-step', onclick: () => openStepForm(app, d, reload) }, t('dw.step')),
        h('button.btn.small', { 'data-testid': 'dispute-resolve', onclick: () => openResolveForm(app, d, reload) }, t('dw.resolve')))))) : h('p.muted', t('dw.none')));
  }).catch((err) => list.replaceChildren(h('p.error', err.display || err.message)));
  return box;
}

registerDetailExtra('contract', (c, app) => disputeWork(app, c.countyCode, { contractId: String(c.id) }));
registerDetailExtra('parcel', (p, app) => disputeWork(app, p.county.code, { parcelId: String(p.id) }));
