// Roads and points of interest.
import { registerTheme } from '../themes.js';
import { gql } from '../api.js';
import { h } from '../ui.js';
import { t, te, num } from '../i18n.js';
import { kv, unit, synthBadge, notFound, pickById, around } from '../kit.js';

const ROADS = {
  national: ['#d6402b', 3.2], provincial: ['#e8833a', 2.6], county: ['#e0a526', 2.1],
  township: ['#8d8d8d', 1.6], village: ['#a3a3a3', 1.1], farm: ['#b59f78', 0.8],
};

registerTheme({
  id: 'infra',
  title: 'theme.infra',
  layers: [
    {
      id: 'roads', tiles: 'roads', zIndex: 50, minZoom: 6, defaultOn: true,
      serverExport: { mutation: 'exportRoads', county: 'countyCode' },
      style: (p, z) => {
        const [c, w] = ROADS[p.class] || ['#999', 1];
        if (p.class === 'farm' && z < 13) return null;
        if ((p.class === 'village') && z < 11) return null;
        const k = z >= 15 ? 1.6 : z >= 12 ? 1.2 : 1;
        return { stroke: c, width: w * k, halo: w >= 2 ? { color: 'rgba(255,255,255,0.8)', width: w * k + 1.5 } : null };
      },
      legend: () => Object.entries(ROADS).map(([k, [c, w]]) => ({ label: te('road', k), stroke: c, width: w, line: true })),
      pick: (f, at) => ({ kind: 'road', id: f.props.id ?? f.id, at }),
      hover: (p) => `${te('road', p.class)}${p.name ? ` · ${p.name}` : ''}`,
    },
    {
      id: 'pois', tiles: 'pois', zIndex: 91, minZoom: 10,
      serverExport: { mutation: 'exportPointsOfInterest', county: 'countyCode' },
      style: (p, z) => ({ fill: '#5d4037', stroke: '#fff', width: 1.2, radius: z >= 14 ? 5 : 3.5 }),
      legend: () => [{ label: t('layer.pois'), fill: '#5d4037', point: true }],
      pick: (f, at) => ({ kind: 'poi', id: f.props.id ?? f.id, at }),
      hover: (p) => `${p.name} (${p.kind})`,
    },
  ],
  details: {
    road: {
      load: async (ref) => {
        const d = await gql(`query($b: [Float!]) { roads(bbox: $b, first: 100) { edges { node {
          id roadClass name ref widthM surface lengthM synthetic geometry(precision: 6) } } } }`, { b: around(ref.at, 0.001) });
        return pickById(d.roads.edges, ref.id) || Promise.reject(notFound());
      },
      title: (r) => r.name || te('road', r.roadClass),
      geometry: (r) => r.geometry,
      render: (r) => h('div', h('div.swatchline', h('b', r.name || te('road', r.roadClass)), synthBadge(r.synthetic)), kv([
        ['roadClass', te('road', r.roadClass)], ['ref', r.ref], ['width', unit(r.widthM, 'm', 1)], ['surface', r.surface], ['length', unit(r.lengthM, 'm', 0)],
      ])),
    },
    poi: {
      load: async (ref) => {
        const d = await gql(`query($b: [Float!]) { pointsOfInterest(bbox: $b, first: 100) { edges { node {
          id name kind villageCode countyCode synthetic geometry(precision: 6) } } } }`, { b: around(ref.at, 0.002) });
        return pickById(d.pointsOfInterest.edges, ref.id) || Promise.reject(notFound());
      },
      title: (p) => p.name,
      geometry: (p) => p.geometry,
      render: (p) => h('div', h('div.swatchline', h('b', p.name), synthBadge(p.synthetic)), kv([['kind', p.kind], ['code', p.villageCode]])),
    },
    settlement: {
      load: async (ref, app) => {
        const d = await gql(`query($c: String) { settlements(countyCode: $c) { id name kind population villageCode synthetic geometry(precision: 6) } }`, { c: ref.county || app.county });
        return pickById(d.settlements, ref.id) || Promise.reject(notFound());
      },
      title: (s) => s.name,
      geometry: (s) => s.geometry,
      focus: (s) => ({ latlng: [s.geometry.coordinates[1], s.geometry.coordinates[0]], zoom: 15 }),
      render: (s, app) => h('div', h('div.swatchline', h('b', s.name), ' ', h('span.muted', s.kind), synthBadge(s.synthetic)), kv([
        ['population', s.population != null ? num(s.population, 0) : null],
        ['village', s.villageCode ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); app.select({ kind: 'admin', id: s.villageCode }, { fly: true }); } }, s.villageCode) : null],
      ])),
    },
  },
});
