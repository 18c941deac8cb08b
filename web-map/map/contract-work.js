// 签订合同 Contract work of signed-in staff on the map (issue #11): from a listing on offer, the contract form
// pre-filled from the listing (parcels, price, mode, term) with an existing or a new transferee (the API checks the
// credit code's check character), the transferors (the village collective, or households picked from the village by
// household number — villageHouseholds, names masked without the personal-data permission — each with its area,
// adding up to the contract's area), term, use and use supervision (a refusal for a non-grain use on permanent basic
// farmland is shown at the checkbox with a one-click offer to tick it) → createContract (DRAFT); in the contract panel 签订 sign → 备案 file (filing number) → 生效 activate,
// each with expectedVersion. The rules' refusals (term beyond the remaining contract term, overlap, permanent basic
// farmland) are shown at the field the API names.
import { h, toast } from './ui.js';
import { t, te, num, addMessages } from './i18n.js';
import { gql } from './api.js';
import { registerDetailExtra } from './themes.js';
import { field, input, numInput, select, openForm, redrawLayers, isConflict, isoDate, addYears, noteFor, takeNote, errorField } from './work-kit.js';

const USES = ['GRAIN', 'SEED_PRODUCTION', 'CASH_CROP', 'VEGETABLES', 'FORAGE', 'MEDICINAL_HERBS', 'FACILITY_AGRICULTURE', 'ORCHARD', 'FORESTRY',
  'NURSERY', 'FISH_POND', 'LIVESTOCK', 'GRAZING'];
const KINDS = ['ENTERPRISE', 'COOPERATIVE', 'FAMILY_FARM', 'LARGE_GROWER', 'VILLAGE_COLLECTIVE', 'OTHER'];

addMessages({
  'cw.title': '签订流转合同', 'cw.from': '挂牌 {no}：{n} 个地块，{mu} 亩，{kind}', 'cw.mode': '流转方式', 'cw.price': '流转价格 (元/亩/年)',
  'cw.tf': '受让方', 'cw.tfExisting': '选择已有受让方', 'cw.tfNew': '新建受让方', 'cw.tfName': '名称', 'cw.tfKind': '类型',
  'cw.tfCode': '统一社会信用代码', 'cw.tfCodeHint': '企业、合作社、村集体必填（18 位，含校验码）', 'cw.tfNone': '本县尚无受让方，请新建',
  'cw.transferors': '流出方', 'cw.collective': '村集体（{v}）作为流出方', 'cw.households': '承包户', 'cw.hhSearch': '按承包方编码查找本村农户', 'cw.hhNone': '没有匹配的农户',
  'cw.hhAdd': '添加', 'cw.hhRemove': '移除', 'cw.hhMembers': '{n} 人', 'cw.hhMasked': '已脱敏', 'cw.hhArea': '面积 (亩)',
  'cw.hhSum': '流出方合计 {sum} 亩 / 合同面积 {mu} 亩', 'cw.hhEmpty': '请从上方列表添加承包户，或勾选村集体',
  'cw.hhMismatch': '各承包户面积合计 {sum} 亩，与合同面积 {mu} 亩不一致（相差 {d} 亩），请调整各户面积',
  'cw.hhBadArea': '每户面积须大于 0 亩', 'cw.supOffer': '勾选“纳入用途监管”', 'cw.supTicked': '已勾选用途监管，请再次提交',
  'cw.start': '起始日期', 'cw.end': '终止日期', 'cw.endHint': '不得超过承包期剩余期限', 'cw.use': '用途', 'cw.intended': '用途说明（可选）',
  'cw.supervision': '纳入用途监管（永久基本农田上的非粮用途必须勾选）', 'cw.registered': '已登记（5 年及以上）', 'cw.create': '创建合同草稿',
  'cw.created': '已创建合同草稿 {no}', 'cw.work': '合同办理', 'cw.sign': '签订', 'cw.file': '备案', 'cw.activate': '生效', 'cw.filingNo': '备案号',
  'cw.signedOn': '签订日期（默认今天）', 'cw.done': '合同状态已改为：{s}', 'cw.version': '版本', 'cw.noActions': '此状态无可办理的操作',
  'cu.grain': '粮食作物', 'cu.seed_production': '制种', 'cu.cash_crop': '经济作物', 'cu.vegetables': '蔬菜', 'cu.forage': '饲草', 'cu.medicinal_herbs': '中药材',
  'cu.facility_agriculture': '设施农业', 'cu.orchard': '林果/茶园', 'cu.forestry': '林木', 'cu.nursery': '苗木花卉', 'cu.fish_pond': '挖塘养鱼',
  'cu.livestock': '畜禽养殖', 'cu.grazing': '放牧',
}, {
  'cw.title': 'Sign a circulation contract', 'cw.from': 'Listing {no}: {n} parcels, {mu} mu, {kind}', 'cw.mode': 'Mode', 'cw.price': 'Rent (yuan/mu/year)',
  'cw.tf': 'Transferee', 'cw.tfExisting': 'An existing transferee', 'cw.tfNew': 'A new transferee', 'cw.tfName': 'Name', 'cw.tfKind': 'Kind',
  'cw.tfCode': 'Unified social credit code', 'cw.tfCodeHint': 'Required for enterprises, cooperatives, village collectives (18 characters with the check character)', 'cw.tfNone': 'No transferee in this county yet: create one',
  'cw.transferors': 'Transferors', 'cw.collective': 'The village collective ({v}) as transferor', 'cw.households': 'Households', 'cw.hhSearch': 'Find a household of the village by household number', 'cw.hhNone': 'No household matches',
  'cw.hhAdd': 'Add', 'cw.hhRemove': 'Remove', 'cw.hhMembers': '{n} members', 'cw.hhMasked': 'masked', 'cw.hhArea': 'Area (mu)',
  'cw.hhSum': 'Transferors {sum} mu / contract {mu} mu', 'cw.hhEmpty': 'Add households from the list above, or tick the village collective',
  'cw.hhMismatch': 'The households\u2019 areas add up to {sum} mu, not the contract\u2019s {mu} mu (off by {d} mu): adjust them',
  'cw.hhBadArea': 'Each household\u2019s area must be more than 0 mu', 'cw.supOffer': 'Tick “under use supervision”', 'cw.supTicked': 'Use supervision ticked: submit again',
  'cw.start': 'Term start', 'cw.end': 'Term end', 'cw.endHint': 'Not after the remaining contract term', 'cw.use': 'Use', 'cw.intended': 'Use in words (optional)',
  'cw.supervision': 'Under use supervision (required for non-grain use on permanent basic farmland)', 'cw.registered': 'Registered (5 years or more)', 'cw.create': 'Create draft contract',
  'cw.created': 'Draft contract {no} created', 'cw.work': 'Contract work', 'cw.sign': 'Sign', 'cw.file': 'File', 'cw.activate': 'Activate', 'cw.filingNo': 'Filing no.',
  'cw.signedOn': 'Signed on (default today)', 'cw.done': 'Contract status is now: {s}', 'cw.version': 'Version', 'cw.noActions': 'Nothing to do in this status',
  'cu.grain': 'Grain', 'cu.seed_production': 'Seed production', 'cu.cash_crop': 'Cash crops', 'cu.vegetables': 'Vegetables', 'cu.forage': 'Forage', 'cu.medicinal_herbs': 'Medicinal herbs',
  'cu.facility_agriculture': 'Facility agriculture', 'cu.orchard': 'Orchards, tea', 'cu.forestry': 'Forestry', 'cu.nursery': 'Nursery stock', 'cu.fish_pond': 'Fish ponds',
  'cu.livestock': 'Livestock', 'cu.grazing': 'Grazing',
});

/** An error shown at a field of the form, like the API's refusals (extensions.argument). */
const formError = (argument, message) => Object.assign(new Error(message), { errors: [{ message, extensions: { argument } }] });

/**
 * The transferor picker: households of the village found by household number (villageHouseholds; the head's name
 * masked without the personal-data permission), each added with its area (the first one gets the whole remainder).
 */
function householdPicker(villageCode, area) {
  const picked = new Map(); // id → { household, area input }
  const search = input({ 'data-testid': 'household-search', 'data-field': 'hhSearch', placeholder: t('cw.hhSearch'), autocomplete: 'off' });
  const results = h('div.hh-results', { 'data-testid': 'household-results' });
  const rows = h('div.hh-picked', { 'data-testid': 'household-picked' });
  const sumLine = h('p.note', { 'data-testid': 'household-sum' });
  const sum = () => [...picked.values()].reduce((s, x) => s + (Number(x.area.value) || 0), 0);
  const label = (x) => `${x.householdNo} · ${x.headName}${x.masked ? `（${t('cw.hhMasked')}）` : ''} · ${t('cw.hhMembers', { n: x.members })}`;
  const showSum = () => {
    sumLine.textContent = picked.size ? t('cw.hhSum', { sum: num(sum(), 2), mu: num(area, 2) }) : t('cw.hhEmpty');
    sumLine.dataset.sum = sum().toFixed(2);
  };
  const add = (x) => {
    if (picked.has(x.id)) return;
    const a = numInput({ min: 0, 'data-household-area': x.id, 'aria-label': `${t('cw.hhArea')} ${x.householdNo}`,
      value: Math.max(0, Math.floor((area - sum()) * 100) / 100) || '' });
    a.oninput = showSum;
    const row = h('div.hh-row', { 'data-household': x.id }, h('span', label(x)), h('label', h('small', t('cw.hhArea')), a),
      h('button.btn', { type: 'button', 'data-household-remove': x.id, onclick: () => { picked.delete(x.id); row.remove(); showSum(); } }, t('cw.hhRemove')));
    picked.set(x.id, { x, area: a });
    rows.append(row);
    showSum();
  };
  let seq = 0;
  let timer = null;
  const find = async () => {
    const mine = ++seq;
    results.dataset.state = 'loading';
    try {
      const { villageHouseholds } = await gql(`query($v: String!, $s: String) { villageHouseholds(villageCode: $v, search: $s, first: 20) {
        id householdNo members headName masked } }`, { v: villageCode, s: search.value.trim() || null });
      if (mine !== seq) return;
      results.replaceChildren(...(villageHouseholds.length ? villageHouseholds.map((x) => h('div.hh-option', { 'data-testid': 'household-option', 'data-household-id': x.id,
        'data-household-no': x.householdNo }, h('span', label(x)),
      h('button.btn', { type: 'button', 'data-household-add': x.id, onclick: () => add(x) }, `＋ ${t('cw.hhAdd')}`))) : [h('p.muted', t('cw.hhNone'))]));
      results.dataset.state = 'ready';
    } catch (err) {
      if (mine === seq) { results.replaceChildren(h('p.error', err.display || err.message)); results.dataset.state = 'error'; }
    }
  };
  search.oninput = () => { clearTimeout(timer); timer = setTimeout(find, 250); };
  search.onkeydown = (e) => { if (e.key === 'Enter') { e.preventDefault(); clearTimeout(timer); find(); } };
  showSum();
  const box = h('div.field.hh-picker', { 'data-field-box': 'transferors' }, h('span', t('cw.households')), search, results, rows, sumLine,
    h('small.field-error', { 'data-error-for': 'transferors', role: 'alert', hidden: true }));
  let loaded = false;
  return {
    box,
    /** Shown or hidden with the collective checkbox; the first showing lists the village's first households. */
    show(on) { box.hidden = !on; if (on && !loaded) { loaded = true; find(); } },
    /** [{householdId, areaMu}], refused at the picker unless every area is > 0 and they add up to the contract's area. */
    value() {
      const list = [...picked.values()].map(({ x, area: a }) => ({ householdId: x.id, areaMu: a.value === '' ? null : Number(a.value) }));
      if (!list.length) throw formError('transferors', t('cw.hhEmpty'));
      if (list.some((x) => !(x.areaMu > 0))) throw formError('transferors', t('cw.hhBadArea'));
      const total = list.reduce((s, x) => s + x.areaMu, 0);
      if (Math.abs(total - area) > 0.01) throw formError('transferors', t('cw.hhMismatch', { sum: num(total, 2), mu: num(area, 2), d: num(Math.abs(total - area), 2) }));
      return list;
    },
  };
}

/** The contract form pre-filled from a listing (w: the listing with its parcels, village, modes, terms). */
export async function openContractForm(app, w) {
  const { transferees } = await gql(`query($c: String) { transferees(countyCode: $c, first: 100) { edges { node { id name kind creditCode } } } }`, { c: w.countyCode });
  const existing = transferees.edges.map((e) => e.node);
  const area = w.parcels.reduce((s, p) => s + p.areaMu, 0);
  const start = isoDate();
  const years = Math.max(1, Math.min(w.maxTermYears || 5, 30));
  const f = {
    mode: select(w.modes.length ? w.modes : ['LEASE'], (m) => te('mode', m), w.modes[0]),
    price: numInput({ min: 0, value: w.priceYuanPerMuYear ?? '' }),
    tfPick: h('select', { 'data-field': 'tfPick' }, existing.map((x) => h('option', { value: x.id }, `${x.name} · ${te('tk', x.kind)}`)),
      h('option', { value: 'new', selected: !existing.length }, `＋ ${t('cw.tfNew')}`)),
    tfName: input(), tfKind: select(KINDS, (k) => te('tk', k), 'ENTERPRISE'), tfCode: input({ maxlength: 18, autocapitalize: 'characters' }),
    collective: h('input', { type: 'checkbox', checked: true, 'data-testid': 'transferor-collective' }), households: householdPicker(w.village.code, area),
    start: input({ type: 'date', value: start }), end: input({ type: 'date', value: addYears(start, years, -1) }),
    use: select(USES, (u) => te('cu', u), 'GRAIN'), intended: input(), supervision: h('input', { type: 'checkbox' }),
    registered: h('input', { type: 'checkbox' }),
  };
  const newBox = h('div.subform', { 'data-testid': 'transferee-new' },
    field('tf.name', t('cw.tfName'), f.tfName), field('tf.kind', t('cw.tfKind'), f.tfKind),
    field('tf.creditCode', t('cw.tfCode'), f.tfCode, t('cw.tfCodeHint')));
  const showNew = () => { newBox.hidden = f.tfPick.value !== 'new'; };
  f.tfPick.onchange = showNew;
  showNew();
  f.collective.onchange = () => f.households.show(!f.collective.checked);
  f.households.show(false);
  // A refusal of a non-grain use on permanent basic farmland names input.supervision: the message stands at the
  // checkbox with a one-click offer to tick it (never ticked silently: supervision is a commitment of the transferee).
  const supOffer = h('button.btn', { type: 'button', 'data-testid': 'supervision-offer', hidden: true, onclick: () => {
    f.supervision.checked = true;
    supOffer.hidden = true;
    const slot = supBox.querySelector('[data-error-for=supervision]');
    slot.textContent = t('cw.supTicked');
    supBox.classList.remove('has-error');
  } }, `☑ ${t('cw.supOffer')}`);
  f.supervision.onchange = () => { if (f.supervision.checked) supOffer.hidden = true; };
  const supBox = field('supervision', t('cw.supervision'), f.supervision);
  supBox.append(supOffer);
  const body = h('div',
    h('p.note', { 'data-testid': 'contract-from' }, t('cw.from', { no: w.listingNo, n: w.parcels.length, mu: num(area, 2), kind: te('kind', w.landKind) })),
    h('small.field-error', { 'data-error-for': 'parcels', hidden: true }), h('small.field-error', { 'data-error-for': 'listingId', hidden: true }),
    field('mode', t('cw.mode'), f.mode), field('priceYuanPerMuYear', t('cw.price'), f.price),
    h('h3', t('cw.tf')), field('transfereeId', existing.length ? t('cw.tfExisting') : t('cw.tfNone'), f.tfPick), newBox,
    h('h3', t('cw.transferors')),
    h('div.field', { 'data-field-box': 'collectiveVillageCode' }, h('label.chk', f.collective, h('span', t('cw.collective', { v: w.village.name }))),
      h('small.field-error', { 'data-error-for': 'collectiveVillageCode', hidden: true })),
    f.households.box,
    field('termStart', t('cw.start'), f.start), field('termEnd', t('cw.end'), f.end, t('cw.endHint')),
    field('use', t('cw.use'), f.use), field('intendedUse', t('cw.intended'), f.intended),
    supBox, field('registered', t('cw.registered'), f.registered));
  let createdTransferee = null;
  openForm('contract-form', t('cw.title'), body, async () => {
    supOffer.hidden = true;
    const transferors = f.collective.checked ? [] : f.households.value();
    let transfereeId = f.tfPick.value;
    if (transfereeId === 'new') {
      if (!createdTransferee) {
        try {
          const d = await gql(`mutation($i: NewTransfereeInput!) { createTransferee(input: $i) { id name } }`, { i: {
            countyCode: w.countyCode, kind: f.tfKind.value, name: f.tfName.value.trim(), creditCode: f.tfCode.value.trim().toUpperCase() || null } });
          createdTransferee = d.createTransferee;
        } catch (err) {
          err.fieldPrefix = 'tf.';
          throw err;
        }
      }
      transfereeId = createdTransferee.id;
    }
    const i = {
      countyCode: w.countyCode, listingId: w.id, transfereeId, mode: f.mode.value,
      parcels: w.parcels.map((p) => ({ parcelId: String(p.id) })),
      collectiveVillageCode: f.collective.checked ? w.village.code : null,
      transferors,
      termStart: f.start.value, termEnd: f.end.value,
      priceYuanPerMuYear: f.price.value === '' ? null : Number(f.price.value),
      use: f.use.value, intendedUse: f.intended.value.trim() || null, supervision: f.supervision.checked, registered: f.registered.checked,
    };
    let d;
    try {
      d = await gql(`mutation($i: ContractInput!) { createContract(input: $i) { id contractNo status version } }`, { i });
    } catch (err) {
      if (errorField(err) === 'supervision' && !f.supervision.checked) supOffer.hidden = false;
      throw err;
    }
    toast(t('cw.created', { no: d.createContract.contractNo }));
    redrawLayers(app, 'circulation_listings');
    app.select({ kind: 'contract', id: d.createContract.id }, { fly: true });
    return true;
  }, { submitLabel: t('cw.create') });
}

const STEPS = {
  DRAFT: { key: 'cw.sign', to: 'SIGNED', m: 'signContract(id: $id, signedOn: $on, expectedVersion: $v)', vars: '$on: Date' },
  SIGNED: { key: 'cw.file', to: 'FILED', m: 'fileContract(id: $id, filingNo: $no, expectedVersion: $v)', vars: '$no: String!' },
  FILED: { key: 'cw.activate', to: 'ACTIVE', m: 'activateContract(id: $id, expectedVersion: $v)', vars: '' },
};

/** The staff part of a contract's panel: the next lifecycle step with expectedVersion. */
function contractWork(c, app) {
  if (!app.isStaffIn?.(c.countyCode)) return null;
  const box = h('div.work.contract-work', { 'data-testid': 'contract-work' }, h('h4', t('cw.work')), h('p.muted.loadingtext', t('loading')));
  const note = takeNote(`contract:${c.id}`);
  gql('query($id: ID!) { circulationContract(id: $id) { id status version } }', { id: String(c.id) }).then(({ circulationContract: w }) => {
    if (!w) { box.remove(); return; }
    const step = STEPS[w.status];
    const msg = h('p.error', { 'data-testid': 'contract-error', role: 'alert', hidden: !note }, note || '');
    const filingNo = input({ 'data-testid': 'filing-no', placeholder: t('cw.filingNo') });
    const signedOn = input({ type: 'date', 'data-testid': 'signed-on' });
    const go = step && h('button.btn.primary', {
      'data-contract-step': w.status,
      onclick: async () => {
        go.disabled = true;
        msg.hidden = true;
        try {
          await gql(`mutation($id: ID!, $v: Int${step.vars ? `, ${step.vars}` : ''}) { x: ${step.m} { id status version } }`,
            { id: w.id, v: w.version, ...(w.status === 'DRAFT' ? { on: signedOn.value || null } : {}), ...(w.status === 'SIGNED' ? { no: filingNo.value.trim() } : {}) });
          toast(t('cw.done', { s: te('contract', step.to) }));
        } catch (err) {
          if (!isConflict(err)) { msg.hidden = false; msg.textContent = err.display || err.message; go.disabled = false; return; }
          noteFor(`contract:${c.id}`, `${t('work.conflict')}（${err.message}）`);
        }
        redrawLayers(app, 'circulation_listings', 'parcels');
        app.select({ kind: 'contract', id: w.id }, { reload: true });
      },
    }, t(step.key));
    // h() drops null children; the DOM's replaceChildren would print them.
    box.replaceChildren(h('div', h('h4', t('cw.work')),
      h('p.kvline', { 'data-testid': 'contract-state', 'data-status': w.status, 'data-version': w.version }, `${te('contract', w.status)} · ${t('cw.version')} ${w.version}`),
      msg,
      w.status === 'DRAFT' ? h('label.field', h('span', t('cw.signedOn')), signedOn) : null,
      w.status === 'SIGNED' ? h('label.field', h('span', t('cw.filingNo')), filingNo) : null,
      h('div.actions', go || h('span.muted', t('cw.noActions')))));
  }).catch((err) => box.replaceChildren(h('p.error', err.display || err.message)));
  return box;
}
registerDetailExtra('contract', contractWork);
