// High-standard farmland projects, protection zones and altitude belts.
import { registerTheme } from '../themes.js';
import { gql } from '../api.js';
import { h } from '../ui.js';
import { t, te, num, areaMu } from '../i18n.js';
import { kv, synthBadge, notFound, pickById, around } from '../kit.js';

export const ZONE_COLOURS = {
  permanent_basic_farmland: '#e67e22', ecological_red_line: '#d62728', grazing_ban: '#8e44ad', rest_grazing: '#b07cc6',
  grass_livestock_balance: '#16a085', livestock_suitable: '#27ae60', livestock_restricted: '#f1c40f', livestock_prohibited: '#922b21',
};
const HSF_COLOUR = '#1f6fd1';
const alpha = (hex, a) => `rgba(${parseInt(hex.slice(1, 3), 16)},${parseInt(hex.slice(3, 5), 16)},${parseInt(hex.slice(5, 7), 16)},${a})`;

registerTheme({
  id: 'protection',
  title: 'theme.protection',
  layers: [
    {
      id: 'belts', tiles: 'belts', zIndex: 10, minZoom: 4,
      serverExport: { mutation: 'exportBelts', county: 'countyCode' },
      style: (p) => ({ fill: alpha(p.colour || '#999999', 0.3), stroke: alpha(p.colour || '#999999', 0.8), width: 1 }),
      legend: () => [{ label: t('layer.belts'), fill: 'rgba(160,120,60,0.3)', stroke: '#a0783c' }],
      pick: (f, at) => ({ kind: 'belt', id: f.id, at, county: f.props.county_code }),
      hover: (p) => p.name,
    },
    {
      id: 'protection_zones', tiles: 'protection_zones', zIndex: 30, minZoom: 4,
      serverExport: { mutation: 'exportProtectionZones', input: 'ProtectionZoneFilter', county: 'countyCode' },
      style: (p) => {
        const c = ZONE_COLOURS[p.zone_type] || '#666666';
        return { fill: alpha(c, 0.14), stroke: c, width: 1.5, dash: p.zone_type === 'permanent_basic_farmland' ? null : [6, 3] };
      },
      legend: () => Object.entries(ZONE_COLOURS).map(([k, c]) => ({ label: te('zone', k), fill: alpha(c, 0.14), stroke: c })),
      pick: (f, at) => ({ kind: 'zone', id: f.props.id ?? f.id, at }),
      hover: (p) => `${te('zone', p.zone_type)} · ${p.name}`,
    },
    {
      id: 'high_standard_farmland', tiles: 'high_standard_farmland', zIndex: 32, minZoom: 6,
      serverExport: { mutation: 'exportHighStandardFarmland', input: 'HighStandardFarmlandFilter', county: 'adminCode' },
      style: (p) => ({ fill: alpha(HSF_COLOUR, p.status === 'planned' ? 0.06 : 0.16), stroke: HSF_COLOUR, width: 1.8, dash: p.status === 'planned' || p.status === 'building' ? [5, 4] : null }),
      legend: () => [
        { label: `${t('layer.high_standard_farmland')} (${te('hsf', 'completed')}/${te('hsf', 'accepted')})`, fill: alpha(HSF_COLOUR, 0.16), stroke: HSF_COLOUR },
        { label: `${t('layer.high_standard_farmland')} (${te('hsf', 'planned')}/${te('hsf', 'building')})`, fill: alpha(HSF_COLOUR, 0.06), stroke: HSF_COLOUR, dash: true },
      ],
      pick: (f, at) => ({ kind: 'hsf', id: f.props.id ?? f.id, at }),
      hover: (p) => `${p.name} (${p.year}, ${te('hsf', p.status)})`,
    },
  ],
  details: {
    hsf: {
      load: async (ref) => {
        const d = await gql(`query($b: [Float!]) { highStandardFarmlandProjects(filter: { bbox: $b }, first: 200) { edges { node {
          id projectNo name countyCode year status investmentWanYuan plannedAreaMu areaMu synthetic township { code name } geometry(precision: 6) } } } }`,
        { b: around(ref.at, 0.001) });
        return pickById(d.highStandardFarmlandProjects.edges, ref.id) || Promise.reject(notFound());
      },
      title: (p) => p.name,
      geometry: (p) => p.geometry,
      render: (p) => h('div', h('div.swatchline', h('b', p.name), synthBadge(p.synthetic)), kv([
        ['code', p.projectNo], ['year', p.year], ['status', te('hsf', p.status)], ['township', p.township?.name],
        ['plannedArea', areaMu(p.plannedAreaMu, 0)], ['area', areaMu(p.areaMu, 0)], ['investment', p.investmentWanYuan != null ? num(p.investmentWanYuan) : null],
      ])),
    },
    zone: {
      load: async (ref) => {
        const d = await gql(`query($p: [Float!]) { protectionZones(filter: { containsPoint: $p }, first: 100) { edges { node {
          id countyCode zoneType name designatedYear authority rules areaMu synthetic geometry(simplify: 5, precision: 6) } } } }`, { p: ref.at });
        return pickById(d.protectionZones.edges, ref.id) || Promise.reject(notFound());
      },
      title: (z) => z.name,
      geometry: (z) => z.geometry,
      render: (z) => h('div', h('div.swatchline', h('span.swatch', { style: { background: ZONE_COLOURS[z.zoneType.toLowerCase()] } }), h('b', z.name), synthBadge(z.synthetic)), kv([
        ['kind', te('zone', z.zoneType)], ['year', z.designatedYear], ['authority', z.authority], ['rules', z.rules], ['area', areaMu(z.areaMu, 0)],
      ])),
    },
    belt: {
      load: async (ref) => {
        const d = await gql(`query($c: String) { belts(countyCode: $c) { id code name minElevationM maxElevationM recommendedIndustries colour areaMu countyCode } }`, { c: ref.county });
        return pickById(d.belts, ref.id) || Promise.reject(notFound());
      },
      title: (b) => b.name,
      geometry: () => null,
      render: (b) => h('div', h('div.swatchline', h('span.swatch', { style: { background: b.colour } }), h('b', b.name)), kv([
        ['code', b.code], ['elevation', `${num(b.minElevationM, 0)} – ${num(b.maxElevationM, 0)} ${t('m')}`],
        ['industries', b.recommendedIndustries.join('、')], ['area', areaMu(b.areaMu, 0)],
      ])),
    },
  },
});
