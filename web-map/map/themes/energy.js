// Household PV sites, distribution transformers and homesteads. The PV & homestead theme issue extends this.
import { registerTheme } from '../themes.js';
import { gql } from '../api.js';
import { h } from '../ui.js';
import { t, te, num } from '../i18n.js';
import { kv, unit, synthBadge, notFound, pickById, around } from '../kit.js';
import { householdBlock } from '../personal.js';

const PV_COLOURS = { connected: '#1565c0', built: '#42a5f5', filed: '#90caf9', surveyed: '#b0bec5', candidate: '#cfd8dc', rejected: '#8d6e63' };
const OCC_COLOURS = { occupied: '#c8a27a', seasonal: '#e6c35c', idle: '#ff7043' };

registerTheme({
  id: 'energy',
  title: 'theme.energy',
  layers: [
    {
      // perViewer: the public sees homesteads offered for revitalization, staff all of their counties.
      id: 'homesteads', tiles: 'homesteads', zIndex: 42, minZoom: 13, perViewer: true,
      serverExport: { mutation: 'exportHomesteads', input: 'HomesteadFilter', county: 'adminCode' },
      style: (p) => ({ fill: OCC_COLOURS[p.occupancy] || '#ccc', stroke: p.revitalization && p.revitalization !== 'none' ? '#2e7d32' : '#6d4c41', width: p.revitalization && p.revitalization !== 'none' ? 2 : 0.8 }),
      legend: () => Object.entries(OCC_COLOURS).map(([k, c]) => ({ label: `${t('layer.homesteads')} · ${te('occ', k)}`, fill: c, stroke: '#6d4c41' })),
      pick: (f, at) => ({ kind: 'homestead', id: f.props.id ?? f.id, at }),
      hover: (p) => `${t('layer.homesteads')} · ${te('occ', p.occupancy)}`,
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
      style: (p, z) => ({ fill: p.open_kw > 0 ? '#2e7d32' : '#c62828', stroke: '#fff', width: 1.5, radius: z >= 14 ? 6 : 4 }),
      legend: () => [{ label: `${t('layer.transformers')} · ${t('open')} > 0`, fill: '#2e7d32', point: true }, { label: `${t('layer.transformers')} · ${t('open')} = 0`, fill: '#c62828', point: true }],
      pick: (f, at) => ({ kind: 'transformer', id: f.props.id ?? f.id, at }),
      hover: (p) => `${p.name} · ${t('open')} ${num(p.open_kw)} kW`,
    },
  ],
  details: {
    pv: {
      load: async (ref) => {
        const d = await gql(`query($b: [Float!]) { pvSites(filter: { bbox: $b }, first: 200) { edges { node {
          id siteKind roofType roofAreaM2 usableAreaM2 capacityKw annualKwh gridMode ownerType status filingNo queuePosition connectedOn synthetic
          village { name } transformer { name openCapacityKw } geometry(precision: 7) } } } }`, { b: around(ref.at) });
        return pickById(d.pvSites.edges, ref.id) || Promise.reject(notFound());
      },
      title: (s) => `${t('layer.pv_sites')} ${s.filingNo || s.id}`,
      geometry: (s) => s.geometry,
      render: (s) => h('div', h('div.swatchline', h('b', `${te('pvkind', s.siteKind)} · ${num(s.capacityKw)} kW`), synthBadge(s.synthetic)), kv([
        ['status', te('pv', s.status)], ['code', s.filingNo], ['capacity', unit(s.capacityKw, 'kw')], ['roofArea', unit(s.roofAreaM2, 'm', 0) && `${num(s.roofAreaM2, 0)} m²`],
        ['gridMode', te('grid', s.gridMode)], ['transformer', s.transformer && `${s.transformer.name} (${t('open')} ${num(s.transformer.openCapacityKw)} kW)`],
        ['queue', s.queuePosition], ['connected', s.connectedOn], ['village', s.village.name],
      ])),
    },
    transformer: {
      load: async (ref) => {
        const d = await gql(`query($b: [Float!]) { distributionTransformers(bbox: $b, first: 100) { edges { node {
          id name assetNo ratedKva voltageKv pvHostingKw connectedPvKw pendingPvKw openCapacityKw synthetic village { name } geometry(precision: 6) } } } }`, { b: around(ref.at, 0.002) });
        return pickById(d.distributionTransformers.edges, ref.id) || Promise.reject(notFound());
      },
      title: (x) => x.name,
      geometry: (x) => x.geometry,
      render: (x) => h('div', h('div.swatchline', h('b', x.name), synthBadge(x.synthetic)), kv([
        ['code', x.assetNo], ['ratedKva', x.ratedKva], ['hosting', unit(x.pvHostingKw, 'kw')], ['connected', unit(x.connectedPvKw, 'kw')],
        ['pending', unit(x.pendingPvKw, 'kw')], ['open', unit(x.openCapacityKw, 'kw')], ['village', x.village.name],
      ])),
    },
    homestead: {
      load: async (ref) => {
        const d = await gql(`query($b: [Float!]) { homesteads(filter: { bbox: $b }, first: 200) { edges { node {
          id certificateNo countyCode siteAreaM2 approvedAreaM2 occupancy idleSince idleYears revitalizationStatus synthetic village { name }
          household { householdNo members headName idNumber phone masked }
          houses { floorAreaM2 floors structure builtYear condition } revitalizations { mode newUse status termStart termEnd }
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
