// 挂牌 Listing work of signed-in staff on the map (issue #11): a drawn selection (or one parcel's panel) → the 挂牌
// form → createListing (a DRAFT, shown in its panel); a draft's panel offers 编辑 (the same form pre-filled →
// updateListing with expectedVersion, only the changed fields; a conflict is reported and the panel reloads, as for
// the status buttons); in a listing's panel the legal next statuses only
// (setListingStatus with expectedVersion; a conflict says so and the panel reloads), the public page, and 签订合同
// (contract-work.js) for a listing on offer. The public never sees these controls.
import { h, toast } from './ui.js';
import { t, te, num, addMessages } from './i18n.js';
import { gql } from './api.js';
import { registerDetailExtra } from './themes.js';
import { registerSelectionAction } from './draw.js';
import { field, input, numInput, checks, checked, openForm, redrawLayers, isConflict, noteFor, takeNote } from './work-kit.js';
import { openContractForm } from './contract-work.js';

addMessages({
  'lw.list': '挂牌', 'lw.title': '新建挂牌', 'lw.fTitle': '标题', 'lw.kind': '土地类型（由地块地类确定）', 'lw.price': '挂牌价 (元/亩/年)',
  'lw.negotiable': '面议', 'lw.minTerm': '最短年限 (年)', 'lw.maxTerm': '最长年限 (年)', 'lw.modes': '接受的流转方式', 'lw.uses': '允许用途（用、分隔）',
  'lw.conditions': '受让方条件', 'lw.office': '联系机构', 'lw.officeHint': '填写服务站等机构，不得填写农户手机号或身份证号', 'lw.pooled': '村集体预流转（≥2 个地块，同一村）',
  'lw.expires': '截止日期（默认 180 天）', 'lw.parcels': '地块：{n} 个，{mu} 亩', 'lw.excluded': '{n} 个地块已挂牌、已流转或不可挂牌（建设用地等），已排除',
  'lw.noneFree': '所选范围内没有可挂牌的地块', 'lw.tooMany': '所选地块过多（{n} 个），请缩小范围（最多 1000 个）', 'lw.created': '已创建挂牌草稿 {no}',
  'lw.work': '挂牌办理', 'lw.version': '版本', 'lw.publicPage': '公开页', 'lw.contract': '签订合同', 'lw.done': '挂牌状态已改为：{s}',
  'lw.to.LISTED': '发布', 'lw.to.NEGOTIATING': '洽谈', 'lw.to.WITHDRAWN': '撤回', 'lw.to.DRAFT': '重新编辑', 'lw.back.LISTED': '恢复挂牌',
  'lw.noActions': '此状态无可办理的操作', 'lw.listParcel': '挂牌此地块',
  'lw.edit': '编辑', 'lw.editTitle': '编辑挂牌 {no}', 'lw.saved': '挂牌 {no} 已保存', 'lw.unchanged': '没有修改',
}, {
  'lw.list': 'List', 'lw.title': 'New listing', 'lw.fTitle': 'Title', 'lw.kind': 'Land kind (from the parcels’ land class)', 'lw.price': 'Asking rent (yuan/mu/year)',
  'lw.negotiable': 'Negotiable', 'lw.minTerm': 'Shortest term (years)', 'lw.maxTerm': 'Longest term (years)', 'lw.modes': 'Modes accepted', 'lw.uses': 'Allowed uses (separated by 、 or ,)',
  'lw.conditions': 'Conditions for the transferee', 'lw.office': 'Contact office', 'lw.officeHint': 'A service office, never a farmer’s mobile or ID number', 'lw.pooled': 'Pooled by the village collective (≥ 2 parcels, one village)',
  'lw.expires': 'Closing date (default 180 days)', 'lw.parcels': 'Parcels: {n}, {mu} mu', 'lw.excluded': '{n} parcels already listed, circulated or not listable (construction land …) were left out',
  'lw.noneFree': 'No parcel of the selection can be listed', 'lw.tooMany': 'Too many parcels ({n}); draw a smaller area (at most 1000)', 'lw.created': 'Draft listing {no} created',
  'lw.work': 'Listing work', 'lw.version': 'Version', 'lw.publicPage': 'Public page', 'lw.contract': 'Sign a contract', 'lw.done': 'Listing status is now: {s}',
  'lw.to.LISTED': 'Publish', 'lw.to.NEGOTIATING': 'Negotiating', 'lw.to.WITHDRAWN': 'Withdraw', 'lw.to.DRAFT': 'Edit again', 'lw.back.LISTED': 'Back to listed',
  'lw.noActions': 'Nothing to do in this status', 'lw.listParcel': 'List this parcel',
  'lw.edit': 'Edit', 'lw.editTitle': 'Edit listing {no}', 'lw.saved': 'Listing {no} saved', 'lw.unchanged': 'Nothing changed',
});

const MODES = ['LEASE', 'EQUITY', 'OTHER'];
const LISTABLE = { FARMLAND: 'FARMLAND', GRASSLAND: 'PASTURE', FOREST: 'FOREST', GARDEN: 'GARDEN' };
/** Legal next statuses (ListingWorkflow): DRAFT → LISTED → NEGOTIATING (→ LISTED), any → WITHDRAWN, WITHDRAWN/EXPIRED → DRAFT. */
export const NEXT = {
  DRAFT: ['LISTED', 'WITHDRAWN'], LISTED: ['NEGOTIATING', 'WITHDRAWN'], NEGOTIATING: ['LISTED', 'WITHDRAWN'],
  WITHDRAWN: ['DRAFT'], EXPIRED: ['DRAFT'], CONTRACTED: [],
};
const label = (from, to) => t(from === 'NEGOTIATING' && to === 'LISTED' ? 'lw.back.LISTED' : `lw.to.${to}`);
const landKind = (parcels) => {
  const kinds = [...new Set(parcels.map((p) => LISTABLE[p.classGroup]))];
  return kinds.length === 1 ? kinds[0] : 'MIXED';
};

/** The parcels of a filter that may be listed: not listed, not circulated, of a land class that circulates. */
async function freeParcels(filter) {
  const d = await gql(`query($f: ParcelFilter) { parcels(filter: $f, first: 1000) { totalCount edges { node {
    id bsm classGroup areaMu circulationStatus county { code } village { code name } } } } }`, { f: filter });
  const all = d.parcels.edges.map((e) => e.node);
  const free = all.filter((p) => p.circulationStatus === 'NONE' && LISTABLE[p.classGroup]);
  return { free, excluded: all.length - free.length, total: d.parcels.totalCount };
}

/**
 * The 挂牌 form for these parcels (all of one county); with `listing` (a draft as LISTING_WORK reads it) the same
 * form pre-filled, saved by updateListing.
 */
export function openListingForm(app, parcels, excluded = 0, listing = null) {
  const county = listing?.countyCode ?? parcels[0].county.code;
  const area = parcels.reduce((s, p) => s + p.areaMu, 0);
  const village = listing?.village?.name ?? parcels[0]?.village?.name ?? '';
  const kind = listing?.landKind ?? landKind(parcels);
  const l = listing || {};
  const f = {
    title: input({ value: listing ? l.title : `${village} ${num(area, 1)}亩${te('kind', kind)}出租`, required: true }),
    price: numInput({ min: 0, value: l.priceYuanPerMuYear ?? '' }),
    negotiable: h('input', { type: 'checkbox', 'data-field': 'negotiable', checked: !!listing && l.priceYuanPerMuYear == null }),
    minTerm: numInput({ min: 1, max: 70, step: 1, value: l.minTermYears ?? '' }), maxTerm: numInput({ min: 1, max: 70, step: 1, value: l.maxTermYears ?? 10 }),
    modes: checks('mode', MODES, (m) => te('mode', m), l.modes ?? ['LEASE']),
    uses: input({ placeholder: '粮食种植、设施农业', value: (l.allowedUses || []).join('、') }), conditions: h('textarea', { rows: 2 }),
    office: input({ placeholder: '某镇农村产权交易服务站', value: l.contactOffice ?? '' }),
    pooled: h('input', { type: 'checkbox', disabled: parcels.length < 2, checked: !!l.pooled }),
    expires: input({ type: 'date', value: l.expiresOn ?? '' }),
  };
  f.conditions.value = l.transfereeConditions ?? '';
  f.negotiable.onchange = () => { f.price.disabled = f.negotiable.checked; };
  f.price.disabled = f.negotiable.checked;
  const body = h('div',
    h('p.note', { 'data-testid': 'lw-parcels', 'data-count': parcels.length }, t('lw.parcels', { n: parcels.length, mu: num(area, 2) })),
    excluded ? h('p.note', t('lw.excluded', { n: excluded })) : null,
    field('title', t('lw.fTitle'), f.title),
    h('p.note', `${t('lw.kind')}：${te('kind', kind)}`),
    field('priceYuanPerMuYear', t('lw.price'), f.price), h('label.chk', f.negotiable, h('span', t('lw.negotiable'))),
    field('minTermYears', t('lw.minTerm'), f.minTerm), field('maxTermYears', t('lw.maxTerm'), f.maxTerm),
    h('div.field', { 'data-field-box': 'modes' }, h('span', t('lw.modes')), f.modes, h('small.field-error', { 'data-error-for': 'modes', hidden: true })),
    field('allowedUses', t('lw.uses'), f.uses), field('transfereeConditions', t('lw.conditions'), f.conditions),
    field('contactOffice', t('lw.office'), f.office, t('lw.officeHint')),
    field('pooled', t('lw.pooled'), f.pooled), field('expiresOn', t('lw.expires'), f.expires),
    h('small.field-error', { 'data-error-for': 'parcelIds', hidden: true }));
  const n = (el) => (el.value === '' ? null : Number(el.value));
  openForm('listing-form', listing ? t('lw.editTitle', { no: l.listingNo }) : t('lw.title'), body, async () => {
    if (listing) return saveListing(app, l, f, n);
    const inp = {
      countyCode: county, title: f.title.value.trim(), parcelIds: parcels.map((p) => String(p.id)),
      priceYuanPerMuYear: f.negotiable.checked ? null : n(f.price), minTermYears: n(f.minTerm), maxTermYears: n(f.maxTerm),
      modes: checked(f.modes), allowedUses: f.uses.value.split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean),
      transfereeConditions: f.conditions.value.trim() || null, contactOffice: f.office.value.trim(),
      pooled: f.pooled.checked || null, expiresOn: f.expires.value || null,
    };
    const d = await gql(`mutation($i: NewListingInput!) { createListing(input: $i) { id listingNo status version } }`, { i: inp });
    toast(t('lw.created', { no: d.createListing.listingNo }));
    redrawLayers(app, 'circulation_listings');
    app.select({ kind: 'listing', id: d.createListing.id }, { fly: true });
    return true;
  });
}

/**
 * 编辑 of a draft: updateListing with the version the form was opened on and only the fields changed (a field left
 * out stays as it is). A version conflict closes the form and reloads the panel with the message, as the status
 * buttons do; other refusals stand at their field.
 */
async function saveListing(app, l, f, n) {
  const uses = f.uses.value.split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean);
  const want = {
    title: f.title.value.trim(), minTermYears: n(f.minTerm), maxTermYears: n(f.maxTerm), modes: checked(f.modes), allowedUses: uses,
    transfereeConditions: f.conditions.value.trim() || null, contactOffice: f.office.value.trim(), pooled: f.pooled.checked, expiresOn: f.expires.value || null,
  };
  const was = {
    title: l.title, minTermYears: l.minTermYears ?? null, maxTermYears: l.maxTermYears, modes: l.modes, allowedUses: l.allowedUses || [],
    transfereeConditions: l.transfereeConditions ?? null, contactOffice: l.contactOffice ?? '', pooled: !!l.pooled, expiresOn: l.expiresOn ?? null,
  };
  const changes = {};
  for (const k of Object.keys(want)) if (JSON.stringify(want[k]) !== JSON.stringify(was[k]) && want[k] != null) changes[k] = want[k];
  if (f.negotiable.checked) { if (l.priceYuanPerMuYear != null) changes.negotiable = true; } else if (n(f.price) != null && n(f.price) !== l.priceYuanPerMuYear) changes.priceYuanPerMuYear = n(f.price);
  if (!Object.keys(changes).length) { toast(t('lw.unchanged')); return true; }
  try {
    const d = await gql(`mutation($id: ID!, $i: ListingChangesInput!) { updateListing(id: $id, input: $i) { id listingNo version } }`,
      { id: l.id, i: { expectedVersion: l.version, ...changes } });
    toast(t('lw.saved', { no: d.updateListing.listingNo }));
  } catch (err) {
    if (!isConflict(err)) throw err;
    noteFor(`listing:${l.id}`, `${t('work.conflict')}（${err.message}）`);
  }
  redrawLayers(app, 'circulation_listings');
  app.select({ kind: 'listing', id: l.id }, { reload: true });
  return true;
}

// The 挂牌 button under a drawn selection's statistics.
registerSelectionAction((app, count) => {
  if (!app.drawn || !app.county || !app.isStaffIn?.(app.county) || !count) return null;
  return h('button.btn.primary', {
    'data-testid': 'selection-list',
    onclick: async (e) => {
      e.target.disabled = true;
      try {
        const { free, excluded, total } = await freeParcels(app.parcelFilterGql({ intersects: app.drawn }));
        if (total > 1000) toast(t('lw.tooMany', { n: total }), 'error');
        else if (!free.length) toast(t('lw.noneFree'), 'error');
        else openListingForm(app, free, excluded);
      } catch (err) {
        toast(err.display || err.message, 'error');
      } finally {
        e.target.disabled = false;
      }
    },
  }, `📋 ${t('lw.list')}`);
});

// One parcel's panel: 挂牌此地块 when it is free.
registerDetailExtra('parcel', (p, app) => {
  if (!app.isStaffIn?.(p.county.code) || p.circulationStatus !== 'NONE' || !LISTABLE[String(p.classGroup).toUpperCase()]) return null;
  return h('div.actions.work', h('button.btn', {
    'data-testid': 'parcel-list',
    onclick: () => openListingForm(app, [{ ...p, classGroup: String(p.classGroup).toUpperCase() }]),
  }, `📋 ${t('lw.listParcel')}`));
});

const LISTING_WORK = `query($id: ID!) { circulationListing(id: $id) { id listingNo title status version countyCode publicUrl landKind
  priceYuanPerMuYear minTermYears maxTermYears modes intendedUse allowedUses transfereeConditions contactOffice pooled expiresOn
  village { code name } parcels { id bsm areaMu classGroup } } }`;

/** The staff part of a listing's panel: status buttons, public page, 签订合同. Loads the listing's version itself. */
function listingWork(l, app) {
  if (!app.isStaffIn?.(l.countyCode ?? app.county)) return null;
  const box = h('div.work.listing-work', { 'data-testid': 'listing-work' }, h('h4', t('lw.work')), h('p.muted.loadingtext', t('loading')));
  const note = takeNote(`listing:${l.id}`);
  gql(LISTING_WORK, { id: String(l.id) }).then(({ circulationListing: w }) => {
    if (!w) { box.remove(); return; }
    const reason = input({ placeholder: t('work.reason'), 'data-testid': 'listing-reason' });
    const msg = h('p.error', { 'data-testid': 'listing-conflict', role: 'alert', hidden: !note }, note || '');
    const next = NEXT[w.status] || [];
    const buttons = next.map((to) => h(`button.btn${to === 'LISTED' ? '.primary' : ''}`, {
      'data-listing-status': to,
      onclick: async (e) => {
        e.target.disabled = true;
        try {
          await gql(`mutation($id: ID!, $s: ListingStatus!, $r: String!, $v: Int!) { setListingStatus(id: $id, status: $s, reason: $r, expectedVersion: $v) { id status version } }`,
            { id: w.id, s: to, r: reason.value.trim() || label(w.status, to), v: w.version });
          toast(t('lw.done', { s: te('listing', to) }));
        } catch (err) {
          if (isConflict(err)) noteFor(`listing:${l.id}`, `${t('work.conflict')}（${err.message}）`);
          else { msg.hidden = false; msg.textContent = err.display || err.message; e.target.disabled = false; return; }
        }
        redrawLayers(app, 'circulation_listings', 'parcels');
        app.select({ kind: 'listing', id: w.id }, { reload: true });
      },
    }, label(w.status, to)));
    const onOffer = w.status === 'LISTED' || w.status === 'NEGOTIATING';
    // h() drops null children; the DOM's replaceChildren would print them.
    box.replaceChildren(h('div', h('h4', t('lw.work')),
      h('p.kvline', { 'data-testid': 'listing-state', 'data-status': w.status, 'data-version': w.version },
        `${te('listing', w.status)} · ${t('lw.version')} ${w.version}`),
      msg,
      next.length ? reason : null,
      h('div.actions', buttons.length ? buttons : h('span.muted', t('lw.noActions')),
        w.status === 'DRAFT' ? h('button.btn', { 'data-testid': 'listing-edit', onclick: () => openListingForm(app, w.parcels, 0, w) }, `✎ ${t('lw.edit')}`) : null,
        onOffer ? h('button.btn.primary', { 'data-testid': 'listing-contract', onclick: () => openContractForm(app, w) }, `✍ ${t('lw.contract')}`) : null),
      h('p', h('a', { href: w.publicUrl, target: '_blank', rel: 'noopener', 'data-testid': 'listing-public' }, `${t('lw.publicPage')} ${w.publicUrl}`))));
  }).catch((err) => box.replaceChildren(h('p.error', err.display || err.message)));
  return box;
}
registerDetailExtra('listing', listingWork);
