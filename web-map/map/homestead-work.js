// 宅基地盘活 Homestead revitalization on the map (issue #12): in a homestead's panel, signed-in staff of its county get
// the legal next steps of the workflow (调查 → 发布 → 洽谈 → 盘活, or 退出), each a form whose refusal is shown at the
// field the API names (lease over 20 years, 置换 with an outsider, villas …), with expectedVersion (a conflict
// reloads the panel); the 宅基地 tab filters the homestead layer by status and house condition and shows the
// revitalization target's progress by village. Staff record a house safety check (农房安全排查: condition, grade,
// day, findings) from the panel. The tab's 旅游利用 search lists villages with idle houses near scenic spots or main
// roads; a click zooms to a village's houses and outlines them. The public never sees the work controls.
import L from 'leaflet';
import { h, toast, showError } from './ui.js';
import { t, num, addMessages } from './i18n.js';
import { gql } from './api.js';
import { registerDetailExtra } from './themes.js';
import { registerPanel, loadErrorNote } from './panels.js';
import { field, input, numInput, select, openForm, redrawLayers, isConflict, noteFor, takeNote, isoDate, addYears } from './work-kit.js';
import { barChart } from './charts.js';

const STATUSES = ['IDLE', 'SURVEYED', 'LISTED', 'NEGOTIATING', 'REVITALIZED', 'WITHDRAWN', 'NONE'];
const CONDITIONS = ['GOOD', 'FAIR', 'POOR', 'DANGEROUS'];
const MODES = ['LEASE', 'EQUITY', 'COOPERATION', 'SELF_OPERATED', 'EXCHANGE'];
const PARTIES = ['VILLAGE_COLLECTIVE', 'RETURNEE', 'URBAN_RESIDENT', 'BUSINESS', 'HOUSEHOLD'];
const USES = ['HOMESTAY', 'CATERING', 'CULTURE', 'OFFICE', 'ECOMMERCE', 'STORAGE_COLD_CHAIN', 'PROCESSING', 'ELDERLY_CARE', 'OTHER'];
const EVIDENCE = ['UTILITY_METERS', 'VILLAGE_COMMITTEE', 'FIELD_SURVEY', 'NEIGHBOURS', 'OTHER'];
const GRADES = ['A', 'B', 'C', 'D'];
const ANCHORS = ['SCENIC_SPOT', 'MAIN_ROAD'];
/** The target metrics of homesteads the tab shows: homesteads (宗, by village) and villages (村, by township). */
const METRICS = { IDLE_HOMESTEADS_REVITALIZED: { unit: '宗', level: 'villages', colour: '#2e7d32' }, VILLAGES_WITH_REVITALIZED_HOMESTEADS: { unit: '村', level: 'townships', colour: '#1565c0' } };
/** Legal next steps (HomesteadWorkflow): the mutation of each. */
export const NEXT = {
  NONE: ['survey'], IDLE: ['survey', 'withdraw'], SURVEYED: ['survey', 'list', 'withdraw'], LISTED: ['negotiate', 'withdraw'],
  NEGOTIATING: ['revitalize', 'withdraw'], REVITALIZED: [], WITHDRAWN: ['survey'],
};

addMessages({
  'hs.tab': '宅基地', 'hs.work': '盘活办理', 'hs.version': '版本', 'hs.noActions': '此状态无可办理的操作', 'hs.done': '盘活状态已改为：{s}',
  'hs.step.survey': '调查', 'hs.step.list': '发布', 'hs.step.negotiate': '洽谈', 'hs.step.revitalize': '盘活', 'hs.step.withdraw': '退出',
  'hs.occupancy': '使用状况', 'hs.idleSince': '闲置起始', 'hs.evidence': '闲置证据', 'hs.evidenceNote': '证据说明', 'hs.surveyedOn': '调查日期',
  'hs.consentOn': '农户同意日期', 'hs.consentDoc': '同意书（名称及编号）', 'hs.consentHint': '不得强迫流转：须有农户签字的自愿申请',
  'hs.mode': '方式', 'hs.party': '对象类型', 'hs.partyName': '对象名称', 'hs.use': '新用途', 'hs.useDesc': '用途说明', 'hs.start': '起始', 'hs.end': '终止',
  'hs.endHint': '出租不超过 20 年', 'hs.incomeHh': '农户年收益 (元)', 'hs.incomeColl': '集体年收益 (元)', 'hs.reason': '说明',
  'hs.filter': '图层筛选', 'hs.status': '盘活状态', 'hs.condition': '房屋状况', 'hs.progress': '盘活目标进度（宗数按村，村数按乡镇）', 'hs.noTarget': '本县未设盘活目标',
  'hs.target': '{year} 年目标 {target} 宗，已盘活 {achieved} 宗', 'hs.staffOnly': '盘活办理仅限本县工作人员',
  'hs.s.NONE': '不在盘活中', 'hs.s.IDLE': '闲置', 'hs.s.SURVEYED': '已调查', 'hs.s.LISTED': '已发布', 'hs.s.NEGOTIATING': '洽谈中', 'hs.s.REVITALIZED': '已盘活', 'hs.s.WITHDRAWN': '已退出',
  'hs.c.GOOD': '好', 'hs.c.FAIR': '一般', 'hs.c.POOR': '差', 'hs.c.DANGEROUS': '危房',
  'hs.m.LEASE': '出租', 'hs.m.EQUITY': '入股', 'hs.m.COOPERATION': '合作', 'hs.m.SELF_OPERATED': '自营', 'hs.m.EXCHANGE': '置换（与村集体）',
  'hs.p.VILLAGE_COLLECTIVE': '村集体', 'hs.p.RETURNEE': '返乡人员', 'hs.p.URBAN_RESIDENT': '城镇居民', 'hs.p.BUSINESS': '工商资本', 'hs.p.HOUSEHOLD': '农户自身',
  'hs.u.HOMESTAY': '民宿', 'hs.u.CATERING': '餐饮', 'hs.u.CULTURE': '文化体验', 'hs.u.OFFICE': '创意办公', 'hs.u.ECOMMERCE': '电子商务',
  'hs.u.STORAGE_COLD_CHAIN': '冷链仓储', 'hs.u.PROCESSING': '初加工', 'hs.u.ELDERLY_CARE': '养老', 'hs.u.OTHER': '其他',
  'hs.e.UTILITY_METERS': '水电表', 'hs.e.VILLAGE_COMMITTEE': '村委会证明', 'hs.e.FIELD_SURVEY': '实地调查', 'hs.e.NEIGHBOURS': '邻里证言', 'hs.e.OTHER': '其他',
  'hs.o.IDLE': '闲置', 'hs.o.ABANDONED': '废弃',
  'hs.check': '安全排查', 'hs.check.title': '农房安全排查', 'hs.check.house': '农房', 'hs.check.on': '排查日期', 'hs.check.grade': '鉴定等级',
  'hs.check.gradeHint': 'C 局部危房、D 整栋危房：房屋状况为危房', 'hs.check.noGrade': '未鉴定', 'hs.check.findings': '排查结论', 'hs.check.doc': '排查表 / 鉴定报告编号',
  'hs.check.done': '已记录安全排查：{c}', 'hs.check.latest': '最近排查', 'hs.check.none': '尚无安全排查记录',
  'hs.g.A': 'A 安全', 'hs.g.B': 'B 基本安全', 'hs.g.C': 'C 局部危房', 'hs.g.D': 'D 整栋危房',
  'hs.tour': '旅游利用', 'hs.tour.intro': '景区或主干道附近、房屋状况良好的闲置农房，按村统计。点击村名定位并高亮其农房。',
  'hs.tour.km': '距离 (km)', 'hs.tour.anchors': '依托', 'hs.tour.a.SCENIC_SPOT': '景区', 'hs.tour.a.MAIN_ROAD': '主干道', 'hs.tour.search': '查询',
  'hs.tour.none': '范围内没有符合条件的闲置农房', 'hs.tour.count': '{n} 处', 'hs.tour.total': '共 {v} 个村 {n} 处',
  'hs.target.v': '{year} 年目标 {target} 个村，已盘活 {achieved} 个村',
}, {
  'hs.tab': 'Homesteads', 'hs.work': 'Revitalization work', 'hs.version': 'Version', 'hs.noActions': 'Nothing to do in this status', 'hs.done': 'Revitalization status is now: {s}',
  'hs.step.survey': 'Survey', 'hs.step.list': 'List', 'hs.step.negotiate': 'Negotiate', 'hs.step.revitalize': 'Revitalize', 'hs.step.withdraw': 'Withdraw',
  'hs.occupancy': 'Occupancy', 'hs.idleSince': 'Idle since', 'hs.evidence': 'Evidence of idleness', 'hs.evidenceNote': 'Note on the evidence', 'hs.surveyedOn': 'Surveyed on',
  'hs.consentOn': 'Household consented on', 'hs.consentDoc': 'Consent (document and number)', 'hs.consentHint': 'No forced transfer: the household’s signed application',
  'hs.mode': 'Mode', 'hs.party': 'Counterparty', 'hs.partyName': 'Counterparty name', 'hs.use': 'New use', 'hs.useDesc': 'Use described', 'hs.start': 'Start', 'hs.end': 'End',
  'hs.endHint': 'Leases at most 20 years', 'hs.incomeHh': 'Income to the household (yuan/year)', 'hs.incomeColl': 'Income to the collective (yuan/year)', 'hs.reason': 'Reason',
  'hs.filter': 'Layer filter', 'hs.status': 'Revitalization status', 'hs.condition': 'House condition', 'hs.progress': 'Revitalization targets (homesteads by village, villages by township)', 'hs.noTarget': 'No revitalization target in this county',
  'hs.target': '{year} target {target}, revitalized {achieved}', 'hs.staffOnly': 'Revitalization work is for staff of the county',
  'hs.s.NONE': 'not in revitalization', 'hs.s.IDLE': 'idle', 'hs.s.SURVEYED': 'surveyed', 'hs.s.LISTED': 'listed', 'hs.s.NEGOTIATING': 'negotiating', 'hs.s.REVITALIZED': 'revitalized', 'hs.s.WITHDRAWN': 'withdrawn',
  'hs.c.GOOD': 'good', 'hs.c.FAIR': 'fair', 'hs.c.POOR': 'poor', 'hs.c.DANGEROUS': 'dangerous',
  'hs.m.LEASE': 'lease', 'hs.m.EQUITY': 'equity', 'hs.m.COOPERATION': 'cooperation', 'hs.m.SELF_OPERATED': 'self-operated', 'hs.m.EXCHANGE': 'exchange (with the collective)',
  'hs.p.VILLAGE_COLLECTIVE': 'village collective', 'hs.p.RETURNEE': 'returning villager', 'hs.p.URBAN_RESIDENT': 'urban resident', 'hs.p.BUSINESS': 'enterprise', 'hs.p.HOUSEHOLD': 'the household',
  'hs.u.HOMESTAY': 'homestay', 'hs.u.CATERING': 'catering', 'hs.u.CULTURE': 'cultural experience', 'hs.u.OFFICE': 'creative office', 'hs.u.ECOMMERCE': 'e-commerce',
  'hs.u.STORAGE_COLD_CHAIN': 'cold chain and storage', 'hs.u.PROCESSING': 'processing', 'hs.u.ELDERLY_CARE': 'elderly care', 'hs.u.OTHER': 'other',
  'hs.e.UTILITY_METERS': 'utility meters', 'hs.e.VILLAGE_COMMITTEE': 'village committee', 'hs.e.FIELD_SURVEY': 'field survey', 'hs.e.NEIGHBOURS': 'neighbours', 'hs.e.OTHER': 'other',
  'hs.o.IDLE': 'idle', 'hs.o.ABANDONED': 'abandoned',
  'hs.check': 'Safety check', 'hs.check.title': 'House safety check', 'hs.check.house': 'House', 'hs.check.on': 'Checked on', 'hs.check.grade': 'Safety grade',
  'hs.check.gradeHint': 'C partly, D wholly dangerous: the condition is dangerous', 'hs.check.noGrade': 'not graded', 'hs.check.findings': 'Findings', 'hs.check.doc': 'Check form / report no.',
  'hs.check.done': 'Safety check recorded: {c}', 'hs.check.latest': 'Latest check', 'hs.check.none': 'No safety check recorded',
  'hs.g.A': 'A safe', 'hs.g.B': 'B basically safe', 'hs.g.C': 'C partly dangerous', 'hs.g.D': 'D dangerous',
  'hs.tour': 'Tourism use', 'hs.tour.intro': 'Idle houses in good condition near scenic spots or main roads, by village. Click a village to zoom to its houses.',
  'hs.tour.km': 'Within (km)', 'hs.tour.anchors': 'Near', 'hs.tour.a.SCENIC_SPOT': 'scenic spots', 'hs.tour.a.MAIN_ROAD': 'main roads', 'hs.tour.search': 'Search',
  'hs.tour.none': 'No idle house matches within the radius', 'hs.tour.count': '{n}', 'hs.tour.total': '{v} villages, {n} houses',
  'hs.target.v': '{year} target {target} villages, revitalized in {achieved}',
});

const RESULT = '{ id version revitalizationStatus }';

/** The panel's homestead again (its ref keeps the point the panel loads it around). */
const reopen = (app, id) => app.select(app.sel?.kind === 'homestead' && String(app.sel.id) === String(id) ? app.sel : { kind: 'homestead', id }, { reload: true });

function done(app, id, status) {
  toast(t('hs.done', { s: t(`hs.s.${status}`) }));
  redrawLayers(app, 'homesteads');
  reopen(app, id);
}

/** Runs a step; a version conflict reloads the panel with a note, other refusals stay in the form. */
async function run(app, w, query, vars) {
  try {
    const d = await gql(query, vars);
    done(app, w.id, Object.values(d)[0].revitalizationStatus);
    return true;
  } catch (err) {
    if (isConflict(err)) {
      noteFor(`homestead:${w.id}`, `${t('work.conflict')}（${err.message}）`);
      reopen(app, w.id);
      return true;
    }
    throw err;
  }
}

const reasonField = () => field('reason', t('hs.reason'), input({ 'data-testid': 'hs-reason' }));

function surveyForm(app, w) {
  const f = {
    occupancy: select(['IDLE', 'ABANDONED'], (o) => t(`hs.o.${o}`), 'IDLE'), idleSince: input({ type: 'date', value: w.idleSince || '' }),
    evidence: select(EVIDENCE, (e) => t(`hs.e.${e}`), 'FIELD_SURVEY'), note: input(), surveyedOn: input({ type: 'date', value: isoDate() }),
  };
  openForm('hs-survey', t('hs.step.survey'), h('div', field('occupancy', t('hs.occupancy'), f.occupancy), field('idleSince', t('hs.idleSince'), f.idleSince),
    field('idleEvidence', t('hs.evidence'), f.evidence), field('idleEvidenceNote', t('hs.evidenceNote'), f.note), field('surveyedOn', t('hs.surveyedOn'), f.surveyedOn)),
  (form) => run(app, w, `mutation($id: ID!, $in: HomesteadSurveyInput!) { surveyHomestead(id: $id, input: $in) ${RESULT} }`, {
    id: w.id, in: { expectedVersion: w.version, occupancy: f.occupancy.value, idleSince: f.idleSince.value || null, idleEvidence: f.evidence.value,
      idleEvidenceNote: f.note.value.trim() || null, surveyedOn: f.surveyedOn.value || null },
  }), { submitLabel: t('hs.step.survey') });
}

function listForm(app, w) {
  const f = { on: input({ type: 'date', value: isoDate() }), doc: input({ 'data-testid': 'hs-consent-doc' }) };
  openForm('hs-list', t('hs.step.list'), h('div', field('consentOn', t('hs.consentOn'), f.on), field('consentDocument', t('hs.consentDoc'), f.doc, t('hs.consentHint'))),
    () => run(app, w, `mutation($id: ID!, $in: HomesteadListingInput!) { listHomestead(id: $id, input: $in) ${RESULT} }`, {
      id: w.id, in: { expectedVersion: w.version, consentOn: f.on.value || null, consentDocument: f.doc.value },
    }), { submitLabel: t('hs.step.list') });
}

function agreementForm(app, w, step) {
  const today = isoDate();
  const f = {
    mode: select(MODES, (m) => t(`hs.m.${m}`), 'LEASE'), party: select(PARTIES, (p) => t(`hs.p.${p}`), 'BUSINESS'), name: input(),
    use: select(USES, (u) => t(`hs.u.${u}`), 'HOMESTAY'), desc: input(), start: input({ type: 'date', value: today }),
    end: input({ type: 'date', value: addYears(today, 10) }), hh: numInput({ min: 0 }), coll: numInput({ min: 0 }),
  };
  const mutation = step === 'negotiate'
    ? `mutation($id: ID!, $v: Int!, $a: RevitalizationAgreementInput!) { startHomesteadNegotiation(id: $id, expectedVersion: $v, agreement: $a) ${RESULT} }`
    : `mutation($id: ID!, $v: Int!, $a: RevitalizationAgreementInput) { revitalizeHomestead(id: $id, expectedVersion: $v, agreement: $a) ${RESULT} }`;
  const dlg = openForm(`hs-${step}`, t(`hs.step.${step}`), h('div',
    field('mode', t('hs.mode'), f.mode), field('counterpartyKind', t('hs.party'), f.party), field('counterpartyName', t('hs.partyName'), f.name),
    field('newUse', t('hs.use'), f.use), field('useDescription', t('hs.useDesc'), f.desc), field('termStart', t('hs.start'), f.start),
    field('termEnd', t('hs.end'), f.end, t('hs.endHint')), field('incomeHouseholdYuan', t('hs.incomeHh'), f.hh), field('incomeCollectiveYuan', t('hs.incomeColl'), f.coll)),
  () => run(app, w, mutation, {
    id: w.id, v: w.version, a: {
      mode: f.mode.value, counterpartyKind: f.party.value, counterpartyName: f.name.value.trim() || null, newUse: f.use.value,
      useDescription: f.desc.value.trim() || null, termStart: f.start.value || null, termEnd: f.end.value || null,
      incomeHouseholdYuan: f.hh.value === '' ? null : Number(f.hh.value), incomeCollectiveYuan: f.coll.value === '' ? null : Number(f.coll.value),
    },
  }).catch((err) => { err.fieldPrefix = ''; if (err?.errors?.[0]?.extensions?.argument) err.errors[0].extensions.argument = String(err.errors[0].extensions.argument).replace(/^agreement\./, ''); throw err; }),
  { submitLabel: t(`hs.step.${step}`) });
  return dlg;
}

function withdrawForm(app, w) {
  const reason = input({ required: true, 'data-testid': 'hs-reason' });
  openForm('hs-withdraw', t('hs.step.withdraw'), h('div', field('reason', t('hs.reason'), reason)),
    () => run(app, w, `mutation($id: ID!, $v: Int!, $r: String!) { withdrawHomestead(id: $id, expectedVersion: $v, reason: $r) ${RESULT} }`,
      { id: w.id, v: w.version, r: reason.value }), { submitLabel: t('hs.step.withdraw') });
}

/** 农房安全排查: one check of one house of the homestead (recordHouseSafetyChecks with a single check). */
function safetyCheckForm(app, w) {
  const houses = w.houses || [];
  const f = {
    house: houses.length > 1 ? select(houses.map((x) => String(x.id)), (id) => {
      const x = houses.find((o) => String(o.id) === id);
      return `#${id} · ${num(x.floorAreaM2, 0)} m² · ${t(`hs.c.${String(x.condition).toUpperCase()}`)}`;
    }, String(houses[0].id)) : null,
    condition: select(CONDITIONS, (c) => t(`hs.c.${c}`), 'GOOD'), grade: select(['', ...GRADES], (g) => (g ? t(`hs.g.${g}`) : t('hs.check.noGrade')), ''),
    on: input({ type: 'date', value: isoDate() }), findings: input({ 'data-testid': 'hs-check-findings' }), doc: input(),
  };
  openForm('hs-check', t('hs.check.title'), h('div', f.house ? field('houseId', t('hs.check.house'), f.house) : null,
    field('condition', t('hs.condition'), f.condition), field('safetyGrade', t('hs.check.grade'), f.grade, t('hs.check.gradeHint')),
    field('checkedOn', t('hs.check.on'), f.on), field('findings', t('hs.check.findings'), f.findings), field('documentRef', t('hs.check.doc'), f.doc)),
  async () => {
    const check = {
      homesteadId: String(w.id), houseId: f.house ? f.house.value : null, expectedVersion: w.version, checkedOn: f.on.value || null,
      condition: f.condition.value, safetyGrade: f.grade.value || null, findings: f.findings.value.trim() || null, documentRef: f.doc.value.trim() || null,
    };
    try {
      const d = await gql(`mutation($c: [HouseSafetyCheckInput!]!) { recordHouseSafetyChecks(checks: $c) { id version condition } }`, { c: [check] });
      toast(t('hs.check.done', { c: t(`hs.c.${d.recordHouseSafetyChecks[0].condition || check.condition}`) }));
      redrawLayers(app, 'homesteads');
      reopen(app, w.id);
      return true;
    } catch (err) {
      if (isConflict(err)) {
        noteFor(`homestead:${w.id}`, `${t('work.conflict')}（${err.message}）`);
        reopen(app, w.id);
        return true;
      }
      // The API names checks[0].field: the form's fields are named without the index.
      const e = err?.errors?.[0]?.extensions;
      if (e?.argument) e.argument = String(e.argument).replace(/^checks\[\d+\]\./, '');
      throw err;
    }
  }, { submitLabel: t('hs.check') });
}

/** The latest safety check of the homestead's houses, one line (staff see who checked). */
function latestCheck(w) {
  const c = w.latestSafetyCheck;
  return h('p.kvline', { 'data-testid': 'hs-latest-check', 'data-condition': c?.condition || '', 'data-checked-on': c?.checkedOn || '' },
    c ? `${t('hs.check.latest')}：${c.checkedOn} · ${t(`hs.c.${c.condition}`)}${c.safetyGrade ? ` · ${t(`hs.g.${c.safetyGrade}`)}` : ''}`
      + `${c.findings ? ` · ${c.findings}` : ''}${c.checkedBy ? ` · ${c.checkedBy}` : ''}` : t('hs.check.none'));
}

const FORMS = { survey: surveyForm, list: listForm, negotiate: (app, w) => agreementForm(app, w, 'negotiate'), revitalize: (app, w) => agreementForm(app, w, 'revitalize'), withdraw: withdrawForm };

/** The staff part of a homestead's panel: its status and version, the legal next steps. */
function homesteadWork(x, app) {
  if (!app.isStaffIn?.(x.countyCode)) return null;
  const box = h('div.work.homestead-work', { 'data-testid': 'homestead-work' }, h('h4', t('hs.work')), h('p.muted.loadingtext', t('loading')));
  const note = takeNote(`homestead:${x.id}`);
  Promise.resolve(x).then((w) => {
    const next = NEXT[w.revitalizationStatus] || [];
    box.replaceChildren(h('div', h('h4', t('hs.work')),
      h('p.kvline', { 'data-testid': 'homestead-state', 'data-status': w.revitalizationStatus, 'data-version': w.version },
        `${t(`hs.s.${w.revitalizationStatus}`)} · ${t('hs.version')} ${w.version}`),
      h('p.error', { 'data-testid': 'homestead-conflict', role: 'alert', hidden: !note }, note || ''),
      h('div.actions', next.length ? next.map((s) => h(`button.btn${s === 'withdraw' ? '' : '.primary'}`, {
        'data-homestead-step': s, onclick: () => FORMS[s](app, w),
      }, t(`hs.step.${s}`))) : h('span.muted', t('hs.noActions'))),
      latestCheck(w),
      (w.houses || []).length ? h('div.actions', h('button.btn', { 'data-testid': 'hs-check-open', onclick: () => safetyCheckForm(app, w) }, t('hs.check'))) : null));
  }).catch((err) => box.replaceChildren(h('p.error', err.display || err.message)));
  return box;
}
registerDetailExtra('homestead', homesteadWork);

// ---- the 宅基地 tab: layer filter by status and condition, progress by village -----------------------------------
const filter = { statuses: [], conditions: [] };
const progress = { county: null, data: null, error: null };

/** Tile parameters of the homestead layer from the tab's filter. */
export function homesteadTileParams() {
  const p = {};
  if (filter.statuses.length) p.revitalization = filter.statuses.map((s) => s.toLowerCase()).join(',');
  if (filter.conditions.length) p.condition = filter.conditions.map((c) => c.toLowerCase()).join(',');
  return p;
}

function applyFilter(app) {
  const e = app.layers.get('homesteads');
  if (!e) return;
  if (!e.on) app.setLayerOn('homesteads', true);
  e.layer.setParams(homesteadTileParams());
}

async function loadProgress(app) {
  progress.county = app.county;
  try {
    const d = await gql(`query($c: String) { planTargets(countyCode: $c) { metric year targetValue achievedValue
      villages: byUnit(level: VILLAGE) { unit { code name } achievedValue } townships: byUnit(level: TOWNSHIP) { unit { code name } achievedValue } } }`, { c: app.county });
    progress.data = d.planTargets.filter((x) => METRICS[x.metric])
      .sort((a, b) => a.year - b.year || Object.keys(METRICS).indexOf(a.metric) - Object.keys(METRICS).indexOf(b.metric));
  } catch (err) {
    progress.error = err;
  }
  app.refreshPanel();
}

/** One target: its line, and a bar chart of what each village (homesteads, 宗) or township (villages, 村) achieved. */
function targetBlock(x) {
  const m = METRICS[x.metric];
  const units = (x[m.level] || []).filter((u) => u.achievedValue > 0).slice(0, 20);
  const line = x.metric === 'VILLAGES_WITH_REVITALIZED_HOMESTEADS' ? 'hs.target.v' : 'hs.target';
  return h('div.hs-target', { 'data-testid': 'hs-target', 'data-metric': x.metric, 'data-year': x.year, 'data-achieved': x.achievedValue, 'data-target': x.targetValue },
    h('p', t(line, { year: x.year, target: num(x.targetValue, 0), achieved: num(x.achievedValue, 0) })),
    units.length ? barChart(units.map((u) => ({ label: u.unit.name, value: u.achievedValue, colour: m.colour })), { unit: m.unit }) : null);
}

// ---- 旅游利用: idle houses near scenic spots or main roads, by village (homesteadsForTourism) -----------------------
const tour = { county: null, withinKm: 3, anchors: [...ANCHORS], conditions: ['GOOD', 'FAIR'], result: null, loading: false, error: null, selected: null, layer: null };

function clearTour() {
  if (tour.layer) { tour.layer.remove(); tour.layer = null; }
  Object.assign(tour, { county: null, result: null, error: null, selected: null, loading: false });
}

async function searchTour(app) {
  tour.loading = true;
  tour.error = null;
  tour.selected = null;
  if (tour.layer) { tour.layer.remove(); tour.layer = null; }
  app.refreshPanel();
  try {
    const d = await gql(`query($c: String!, $km: Float!, $a: [TourismAnchor!], $k: [HouseCondition!]) {
      homesteadsForTourism(adminCode: $c, withinKm: $km, anchors: $a, conditions: $k) { village { code name } count
        homesteads { condition scenicSpotName scenicSpotM mainRoadM homestead { id geometry(precision: 6) } } } }`,
    { c: app.county, km: tour.withinKm, a: tour.anchors, k: tour.conditions });
    tour.county = app.county;
    tour.result = d.homesteadsForTourism;
  } catch (err) {
    tour.error = err;
  }
  tour.loading = false;
  app.refreshPanel();
}

/** Zooms to a village's candidate houses and outlines them (the homestead layer is switched on under them). */
function showVillage(app, v) {
  tour.selected = v.village.code;
  if (tour.layer) tour.layer.remove();
  tour.layer = L.featureGroup().addTo(app.map);
  for (const x of v.homesteads) {
    L.geoJSON(x.homestead.geometry, { pane: 'sel', interactive: false, style: { color: '#ff6d00', weight: 3, fillColor: '#ffab40', fillOpacity: 0.35 } }).addTo(tour.layer);
  }
  const e = app.layers.get('homesteads');
  if (e && !e.on) app.setLayerOn('homesteads', true);
  const b = tour.layer.getBounds();
  if (b.isValid()) app.map.fitBounds(b, { maxZoom: 17, padding: [40, 40] });
  app.refreshPanel();
}

function tourPanel(app) {
  if (tour.county && tour.county !== app.county) clearTour();
  const toggle = (arr, v, on) => { const i = arr.indexOf(v); if (on && i < 0) arr.push(v); if (!on && i >= 0) arr.splice(i, 1); };
  const box = (values, arr, key, label) => h('div.checks', values.map((v) => h('label.chk',
    h('input', { type: 'checkbox', checked: arr.includes(v), [`data-hs-tour-${key}`]: v, onchange: (e) => toggle(arr, v, e.target.checked) }), h('span', label(v)))));
  // Taken on every keystroke (input), not on change: a panel redrawn between typing and change kept the old distance.
  const km = numInput({ min: 0.1, max: 50, step: 0.5, value: tour.withinKm, 'data-testid': 'hs-tour-km',
    oninput: (e) => { tour.withinKm = Number(e.target.value) || 3; } });
  const r = tour.result;
  const list = tour.error ? loadErrorNote(tour.error, app)
    : tour.loading ? h('p.muted', t('loading'))
      : !r ? null
        : !r.length ? h('p.muted', { 'data-testid': 'hs-tour-none' }, t('hs.tour.none'))
          : h('div', h('p.muted', { 'data-testid': 'hs-tour-total' }, t('hs.tour.total', { v: r.length, n: r.reduce((a, v) => a + v.count, 0) })),
            h('div.sv-list', { 'data-testid': 'hs-tour-list' }, r.map((v) => h(`div.ls-card.hs-tour-village${tour.selected === v.village.code ? '.on' : ''}`, {
              'data-village': v.village.code, 'data-count': v.count, onclick: () => showVillage(app, v), style: { cursor: 'pointer' },
            }, h('div.ls-head', h('b', v.village.name), h('span.ls-score', t('hs.tour.count', { n: v.count }))),
            h('small.muted', v.homesteads.slice(0, 3).map((x) => (x.scenicSpotName ? `${x.scenicSpotName} ${num(x.scenicSpotM, 0)} m` : `${t('hs.tour.a.MAIN_ROAD')} ${num(x.mainRoadM, 0)} m`)).join(' · '))))));
  return h('div.hs-tour', { 'data-testid': 'hs-tour' },
    h('h3', t('hs.tour')), h('p.note', t('hs.tour.intro')),
    h('label.field', h('span', t('hs.tour.km')), km),
    h('h4', t('hs.tour.anchors')), box(ANCHORS, tour.anchors, 'anchor', (a) => t(`hs.tour.a.${a}`)),
    h('h4', t('hs.condition')), box(['GOOD', 'FAIR', 'POOR'], tour.conditions, 'condition', (c) => t(`hs.c.${c}`)),
    h('div.actions', h('button.btn.primary', { 'data-testid': 'hs-tour-search', disabled: !app.county || tour.loading, onclick: () => searchTour(app).catch(showError) }, t('hs.tour.search'))),
    list);
}

function panel(app) {
  if (progress.county !== app.county) { progress.data = null; progress.error = null; loadProgress(app).catch(showError); }
  const toggle = (arr, v, on) => { const i = arr.indexOf(v); if (on && i < 0) arr.push(v); if (!on && i >= 0) arr.splice(i, 1); };
  const checks = (values, arr, key, label) => h('div.checks', values.map((v) => h('label.chk',
    h('input', { type: 'checkbox', checked: arr.includes(v), [`data-hs-${key}`]: v, onchange: (e) => { toggle(arr, v, e.target.checked); applyFilter(app); } }),
    h('span', label(v)))));
  const targets = progress.error ? loadErrorNote(progress.error, app)
    : !progress.data ? h('p.muted', t('loading'))
      : !progress.data.length ? h('p.muted', t('hs.noTarget'))
        : progress.data.map(targetBlock);
  return h('div.homesteads', { 'data-testid': 'homestead-tab' },
    h('h3', t('hs.filter')),
    h('h4', t('hs.status')), checks(STATUSES, filter.statuses, 'status', (s) => t(`hs.s.${s}`)),
    h('h4', t('hs.condition')), checks(CONDITIONS, filter.conditions, 'condition', (c) => t(`hs.c.${c}`)),
    h('h3', t('hs.progress')), targets,
    tourPanel(app));
}

registerPanel({ id: 'homesteads', icon: '⌂', title: 'hs.tab', render: panel });
