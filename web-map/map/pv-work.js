// 光伏办理 PV work of signed-in staff on the map (issue #12): a roof outline drawn with the selection tools (draw.js)
// → 新建光伏点位 form → createPvSite (a CANDIDATE; its panel opens); the API's refusal (outline outside the county,
// self-intersecting, too small or large, a duplicate, a value out of range) is shown at the field it names. In a
// transformer's panel, staff of its county edit the grid figures (setTransformerGridFigures with expectedVersion: a
// change made meanwhile is reported and the panel reloads). The public never sees these controls. The number fields carry
// no min/max of their own: the API's ranges are the rules, and its refusal stands at the field.
import { h, toast } from './ui.js';
import { t, te, num, addMessages } from './i18n.js';
import { gql } from './api.js';
import { registerDetailExtra } from './themes.js';
import { registerSelectionAction, clearDrawn } from './draw.js';
import { field, input, numInput, select, openForm, redrawLayers, isConflict, noteFor, takeNote } from './work-kit.js';

addMessages({
  'pw.new': '新建光伏点位', 'pw.title': '新建光伏点位（屋顶轮廓已绘制）', 'pw.kind': '场景', 'pw.roofType': '屋面', 'pw.share': '可用比例 (0–1]',
  'pw.shareHint': '可用面积 = 屋顶面积 × 比例；常用 0.62', 'pw.tilt': '倾角 (°)', 'pw.azimuth': '方位角 (°，正南 180)', 'pw.gridMode': '上网模式',
  'pw.owner': '投资主体', 'pw.collective': '村集体投资', 'pw.outline': '屋顶轮廓', 'pw.outlineHint': '在地图上绘制的多边形（CGCS2000 经纬度）',
  'pw.created': '已新建光伏点位 {id}（{kw} kW）', 'pw.noRoof': '—',
  'pw.grid': '电网参数', 'pw.editGrid': '编辑电网参数', 'pw.gridTitle': '电网参数 {name}', 'pw.version': '版本', 'pw.kva': '额定容量 (kVA)',
  'pw.load': '午间最小负荷 (kW)', 'pw.other': '其他电源 (kW)', 'pw.storage': '储能充电 (kW)', 'pw.parallel': '并列台数 (1–8)',
  'pw.ratio': '承载比例（空 = 本县比例）', 'pw.upstream': '上级线路 ID（空 = 无）', 'pw.factsHint': '参数以供电公司数据为准；已并网容量超出新承载力时台区变红，仍予保存',
  'pw.gridSaved': '台区 {name} 电网参数已保存（{grade}）',
  'pw.owner.NATURAL_PERSON': '自然人户用', 'pw.owner.NON_NATURAL_PERSON': '非自然人户用',
  'pw.roof.CONCRETE_FLAT': '混凝土平顶', 'pw.roof.COLOR_STEEL': '彩钢瓦', 'pw.roof.TILE': '瓦屋面', 'pw.roof.FILM': '棚膜', 'pw.roof.GROUND': '地面',
  'pvkind.other_roof': '其他设施屋顶',
}, {
  'pw.new': 'New PV site', 'pw.title': 'New PV site (roof outline drawn)', 'pw.kind': 'Kind', 'pw.roofType': 'Roof type', 'pw.share': 'Usable share (0–1]',
  'pw.shareHint': 'Usable area = roof area × share; 0.62 is common', 'pw.tilt': 'Tilt (°)', 'pw.azimuth': 'Azimuth (°, south 180)', 'pw.gridMode': 'Grid mode',
  'pw.owner': 'Owner type', 'pw.collective': 'Village collective invests', 'pw.outline': 'Roof outline', 'pw.outlineHint': 'The polygon drawn on the map (CGCS2000 lon/lat)',
  'pw.created': 'PV site {id} created ({kw} kW)', 'pw.noRoof': '—',
  'pw.grid': 'Grid figures', 'pw.editGrid': 'Edit grid figures', 'pw.gridTitle': 'Grid figures of {name}', 'pw.version': 'Version', 'pw.kva': 'Rated capacity (kVA)',
  'pw.load': 'Minimum noon load (kW)', 'pw.other': 'Other generation (kW)', 'pw.storage': 'Storage charging (kW)', 'pw.parallel': 'Transformers in parallel (1–8)',
  'pw.ratio': 'Hosting share (empty = the county’s)', 'pw.upstream': 'Line above, id (empty = none)', 'pw.factsHint': 'The grid company’s figures; a transformer whose connected PV exceeds the new hosting capacity turns red and is saved all the same',
  'pw.gridSaved': 'Grid figures of {name} saved ({grade})',
  'pw.owner.NATURAL_PERSON': 'natural person', 'pw.owner.NON_NATURAL_PERSON': 'non-natural person',
  'pw.roof.CONCRETE_FLAT': 'concrete flat', 'pw.roof.COLOR_STEEL': 'colour steel', 'pw.roof.TILE': 'tile', 'pw.roof.FILM': 'film', 'pw.roof.GROUND': 'ground',
  'pvkind.other_roof': 'other roof',
});

const KINDS = ['HOMESTEAD_ROOF', 'YARD', 'LIVESTOCK_SHED', 'GREENHOUSE', 'OTHER_ROOF'];
const ROOFS = ['', 'CONCRETE_FLAT', 'COLOR_STEEL', 'TILE', 'FILM', 'GROUND'];
const MODES = ['SELF_USE_SURPLUS_EXPORT', 'FULL_EXPORT', 'FULL_SELF_USE'];
const OWNERS = ['NATURAL_PERSON', 'NON_NATURAL_PERSON'];
const n = (el) => (el.value === '' ? null : Number(el.value));

/** The 新建光伏点位 form for a drawn outline (GeoJSON Polygon): createPvSite, then the new site's panel. */
export function openPvSiteForm(app, outline) {
  const f = {
    kind: select(KINDS, (k) => te('pvkind', k), 'HOMESTEAD_ROOF'),
    roofType: select(ROOFS, (r) => (r ? t(`pw.roof.${r}`) : t('pw.noRoof')), ''),
    share: numInput({ value: 0.62 }), tilt: numInput({ value: '' }), azimuth: numInput({ value: 180 }),
    gridMode: select(MODES, (m) => te('grid', m), 'SELF_USE_SURPLUS_EXPORT'), owner: select(OWNERS, (o) => t(`pw.owner.${o}`), 'NATURAL_PERSON'),
    collective: h('input', { type: 'checkbox', 'data-field': 'collectiveInvested' }),
  };
  const body = h('div',
    h('div.field', { 'data-field-box': 'outline' }, h('span', t('pw.outline')),
      h('small.note', { 'data-testid': 'pw-outline', 'data-points': outline.coordinates[0].length - 1 }, `${t('pw.outlineHint')} · ${outline.coordinates[0].length - 1} 点`),
      h('small.field-error', { 'data-error-for': 'outline', role: 'alert', hidden: true })),
    h('small.field-error', { 'data-error-for': 'countyCode', role: 'alert', hidden: true }),
    field('siteKind', t('pw.kind'), f.kind), field('roofType', t('pw.roofType'), f.roofType),
    field('usableShare', t('pw.share'), f.share, t('pw.shareHint')), field('tiltDeg', t('pw.tilt'), f.tilt), field('azimuthDeg', t('pw.azimuth'), f.azimuth),
    field('gridMode', t('pw.gridMode'), f.gridMode), field('ownerType', t('pw.owner'), f.owner), field('collectiveInvested', t('pw.collective'), f.collective));
  return openForm('pv-site-form', t('pw.title'), body, async () => {
    const i = {
      countyCode: app.county && app.county.length === 6 ? app.county : null, siteKind: f.kind.value, outline,
      roofType: f.roofType.value || null, usableShare: n(f.share), tiltDeg: n(f.tilt), azimuthDeg: n(f.azimuth),
      gridMode: f.gridMode.value, ownerType: f.owner.value, collectiveInvested: f.collective.checked,
    };
    const d = await gql('mutation($i: PvSiteInput!) { createPvSite(input: $i) { id capacityKw geometry(precision: 7) } }', { i });
    const s = d.createPvSite;
    toast(t('pw.created', { id: s.id, kw: num(s.capacityKw) }));
    clearDrawn(app);
    if (app.layers.get('pv_sites') && !app.layers.get('pv_sites').on) app.setLayerOn?.('pv_sites', true);
    redrawLayers(app, 'pv_sites', 'transformers');
    app.select({ kind: 'pv', id: s.id, at: s.geometry.coordinates[0][0] }, { fly: true });
    return true;
  }, { submitLabel: t('pw.new') });
}

// The 新建光伏点位 button under a drawn selection (staff of the county in view; the API checks the outline's county).
registerSelectionAction((app) => {
  if (!app.drawn || app.drawn.type !== 'Polygon' || !app.session?.signedIn || (app.county && !app.isStaffIn?.(app.county))) return null;
  return h('button.btn', { 'data-testid': 'selection-pv', onclick: () => openPvSiteForm(app, app.drawn) }, `☀ ${t('pw.new')}`);
});

/** The 电网参数 form of a transformer: every figure sent, with the version the panel was read at. */
function openGridForm(app, x) {
  const f = {
    kva: numInput({ value: x.ratedKva }), load: numInput({ value: x.minNoonLoadKw }), other: numInput({ value: x.otherGenerationKw }),
    storage: numInput({ value: x.storageChargeKw }), parallel: numInput({ value: x.parallelCount }),
    ratio: numInput({ value: x.pvHostingRatio ?? '' }), upstream: input({ value: x.upstream?.id ?? '' }),
  };
  const body = h('div', h('p.note', t('pw.factsHint')),
    field('ratedKva', t('pw.kva'), f.kva), field('minNoonLoadKw', t('pw.load'), f.load), field('otherGenerationKw', t('pw.other'), f.other),
    field('storageChargeKw', t('pw.storage'), f.storage), field('parallelCount', t('pw.parallel'), f.parallel),
    field('pvHostingRatio', t('pw.ratio'), f.ratio), field('upstreamId', t('pw.upstream'), f.upstream));
  return openForm('tr-grid-form', t('pw.gridTitle', { name: x.name }), body, async () => {
    const i = {
      ratedKva: n(f.kva), minNoonLoadKw: n(f.load), otherGenerationKw: n(f.other), storageChargeKw: n(f.storage), parallelCount: n(f.parallel),
      pvHostingRatio: n(f.ratio), upstreamId: f.upstream.value.trim() || null,
    };
    try {
      const d = await gql(`mutation($id: ID!, $i: TransformerGridInput!, $v: Int!) { setTransformerGridFigures(id: $id, input: $i, expectedVersion: $v) {
        id version grade } }`, { id: x.id, i, v: x.version });
      toast(t('pw.gridSaved', { name: x.name, grade: t('pv.' + d.setTransformerGridFigures.grade.toLowerCase()) }));
    } catch (err) {
      if (!isConflict(err)) throw err;
      noteFor(`transformer:${x.id}`, `${t('work.conflict')}（${err.message}）`);
    }
    redrawLayers(app, 'transformers');
    app.select(app.sel, { reload: true });
    return true;
  }, { submitLabel: t('work.save') });
}

// The staff part of a transformer's panel: the grid figures, their version and the edit button.
registerDetailExtra('transformer', (x, app) => {
  if (!app.isStaffIn?.(x.countyCode)) return null;
  const note = takeNote(`transformer:${x.id}`);
  return h('div.work.transformer-work', { 'data-testid': 'transformer-work', 'data-version': x.version },
    h('h4', t('pw.grid')),
    h('p.kvline', `${t('pw.kva')} ${x.ratedKva} · ${t('pw.load')} ${num(x.minNoonLoadKw)} · ${t('pw.other')} ${num(x.otherGenerationKw)} · `
      + `${t('pw.storage')} ${num(x.storageChargeKw)} · ${t('pw.parallel')} ${x.parallelCount}`
      + `${x.pvHostingRatio != null ? ` · ${t('pw.ratio')} ${num(x.pvHostingRatio, 3)}` : ''} · ${t('pw.version')} ${x.version}`),
    h('p.error', { 'data-testid': 'transformer-conflict', role: 'alert', hidden: !note }, note || ''),
    h('div.actions', h('button.btn.primary', { 'data-testid': 'transformer-edit', onclick: () => openGridForm(app, x) }, `✎ ${t('pw.editGrid')}`)));
});
