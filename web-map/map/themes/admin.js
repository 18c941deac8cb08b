// County, township and village boundaries with labels, and the administrative-unit panel.
import { registerTheme } from '../themes.js';
import { gql } from '../api.js';
import { h } from '../ui.js';
import { t, te, num, areaMu } from '../i18n.js';
import { kv, link, synthBadge, notFound } from '../kit.js';

const halo = (w) => ({ color: 'rgba(255,255,255,0.85)', width: w });

const ADMIN_QUERY = `query Admin($code: String!) { adminUnit(code: $code) {
  code name level kind province city population households areaMu areaHa areaKm2 bbox synthetic
  parent { code name parent { code name } }
  summary { parcelCount netAreaMu farmlandMu permanentBasicFarmlandMu highStandardFarmlandMu circulatedMu listedMu townships villages }
  boundary(simplify: 15, precision: 6) } }`;

const pickAdmin = (f) => ({ kind: 'admin', id: String(f.props.code ?? f.id) });

registerTheme({
  id: 'admin',
  title: 'theme.admin',
  layers: [
    {
      id: 'villages', tiles: 'villages', composite: 'admin', zIndex: 60, minZoom: 6, defaultOn: true, polygonHit: true, hitPriority: -3,
      serverExport: { mutation: 'exportAdminUnits', county: 'parentCode', fixed: 'level: VILLAGE' },
      style: (p, z) => (z < 9 ? null : { stroke: '#7a5c99', width: z >= 13 ? 1.4 : 1, dash: [4, 3], halo: z >= 12 ? halo(2.5) : null }),
      legend: () => [{ label: t('layer.villages'), stroke: '#7a5c99', dash: true }],
      pick: pickAdmin, hover: (p) => p.name,
    },
    {
      id: 'townships', tiles: 'townships', composite: 'admin', zIndex: 61, minZoom: 4, defaultOn: true, polygonHit: true, hitPriority: -2,
      serverExport: { mutation: 'exportAdminUnits', county: 'parentCode', fixed: 'level: TOWNSHIP' },
      style: (p, z) => ({ stroke: '#4b2c6f', width: z >= 12 ? 2.2 : 1.6, dash: [8, 4], halo: halo(z >= 12 ? 4 : 3) }),
      legend: () => [{ label: t('layer.townships'), stroke: '#4b2c6f', dash: true, width: 2 }],
      pick: pickAdmin, hover: (p) => p.name,
    },
    {
      id: 'counties', tiles: 'counties', composite: 'admin', zIndex: 62, defaultOn: true, polygonHit: true, hitPriority: -1,
      style: (p, z) => ({ stroke: '#222', width: z >= 10 ? 3 : 2.4, halo: halo(z >= 10 ? 6 : 5) }),
      legend: () => [{ label: t('layer.counties'), stroke: '#222', width: 3 }],
      pick: pickAdmin, hover: (p) => p.name,
    },
    {
      id: 'labels', tiles: 'admin_labels', zIndex: 0, defaultOn: true, draw: false, interactive: false, labels: true,
      legend: () => [{ label: t('layer.admin_labels'), text: true }],
    },
  ],
  details: {
    admin: {
      load: (ref) => gql(ADMIN_QUERY, { code: String(ref.id) }).then((d) => d.adminUnit || Promise.reject(notFound())),
      title: (u) => u.name,
      geometry: (u) => u.boundary,
      focus: (u) => ({ bbox: u.bbox }),
      render: (u, app) => {
        const s = u.summary;
        return h('div',
          h('div.swatchline', h('b', u.name), ' ', h('span.muted', `${u.kind} · ${te('level', u.level)}`), synthBadge(u.synthetic)),
          kv([
            ['code', h('code', u.code)],
            ['township', u.level === 'VILLAGE' && u.parent ? link(u.parent.name, () => app.select({ kind: 'admin', id: u.parent.code }, { fly: true })) : null],
            ['county', u.level !== 'COUNTY' && u.parent ? (u.level === 'VILLAGE' ? u.parent.parent?.name : u.parent.name) : null],
            ['area', `${areaMu(u.areaMu, 0)} · ${num(u.areaKm2, 1)} ${t('km2')}`],
            ['population', u.population != null ? num(u.population, 0) : null], ['households', u.households != null ? num(u.households, 0) : null],
            ['parcels', num(s.parcelCount, 0)],
            ['stats.farmland', areaMu(s.farmlandMu, 0)],
            ['pbf', areaMu(s.permanentBasicFarmlandMu, 0)], ['hsf', areaMu(s.highStandardFarmlandMu, 0)],
            ['stats.circulated', areaMu(s.circulatedMu, 0)], ['stats.listed', areaMu(s.listedMu, 0)],
            ['layer.townships', u.level === 'COUNTY' ? s.townships : null], ['layer.villages', u.level !== 'VILLAGE' ? s.villages : null],
          ]),
          h('div.actions', h('button.btn', { onclick: () => app.openStats(u.code) }, t('showStats'))));
      },
    },
  },
});
