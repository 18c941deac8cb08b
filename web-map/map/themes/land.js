// Land parcels coloured by land-class group (三调 colours), with the parcel detail panel.
import { registerTheme } from '../themes.js';
import { gql } from '../api.js';
import { h } from '../ui.js';
import { t, te, num, areaMu } from '../i18n.js';
import { kv, yesno, unit, m2mu, link, synthBadge, notFound } from '../kit.js';
import { contractsOfParcel, parcelContracts } from '../contracts.js';

import { CLASS_GROUPS, GROUP_COLOURS } from '../land-class-groups.js';

export { CLASS_GROUPS, GROUP_COLOURS };

function parcelStyle(app) {
  return (p, z) => {
    const fill = GROUP_COLOURS[p.class_group] || '#ccc';
    const overview = p.parcels !== undefined;
    if (!overview && p.area_mu !== undefined) {
      const f = app.filter;
      if ((f.areaMin != null && p.area_mu < f.areaMin) || (f.areaMax != null && p.area_mu > f.areaMax)) return null;
    }
    if (overview || z < 13) return { fill, stroke: overview ? null : 'rgba(90,90,90,0.25)', width: 0.5 };
    return { fill, stroke: z >= 16 ? 'rgba(70,70,70,0.7)' : 'rgba(80,80,80,0.45)', width: z >= 16 ? 1 : 0.6 };
  };
}

const PARCEL_QUERY = `query Parcel($id: ID!) { parcel(id: $id) {
  id bsm tbbh landClassCode landClassName classGroup classSystem ownershipNature ownerUnitCode ownerUnitName
  locationUnitCode locationUnitName areaMu areaHa netAreaMu surveyedAreaM2 deductionCoefficient perimeterM
  slopeClass croplandType plantingAttribute croplandGrade elevationMeanM slopeMeanDeg
  isPermanentBasicFarmland isHighStandardFarmland circulationStatus dataYear synthetic
  village { code name } township { code name } county { code name }
  belt { name recommendedIndustries } highStandardFarmlandProject { id name projectNo status year }
  geometry(precision: 7) labelPoint(precision: 6) } }`;

const QSXZ = { 10: '国有', 20: '集体', 30: '村民小组/农民集体', 31: '村民小组' };

registerTheme({
  id: 'land',
  title: 'theme.land',
  layers: [{
    id: 'parcels', tiles: 'parcels', zIndex: 20, defaultOn: true, filterable: true,
    styleFactory: parcelStyle,
    params: (app) => app.parcelTileParams(),
    legend: () => CLASS_GROUPS.map((g) => ({ label: te('cg', g), fill: GROUP_COLOURS[g] })),
    pick: (f) => (f.props.parcels !== undefined
      ? { kind: 'overview', id: `${f.props.village_code}:${f.props.class_group}` }
      : { kind: 'parcel', id: f.props.id ?? f.id }),
    hover: (p) => (p.parcels !== undefined
      ? `${te('cg', p.class_group)} · ${num(p.area_mu, 0)} ${t('mu')} · ${p.parcels} ${t('parcels')}`
      : `${p.dlmc || te('cg', p.class_group)}${p.area_mu != null ? ` · ${num(p.area_mu)} ${t('mu')}` : ''}`),
  }],
  details: {
    parcel: {
      load: async (ref, app) => {
        const p = (await gql(PARCEL_QUERY, { id: String(ref.id) })).parcel;
        if (!p) throw notFound();
        // Contracts are staff data: asked for only with rights in the parcel's county.
        if (app.isStaffIn(p.county.code)) p.contracts = await contractsOfParcel(p).catch((error) => ({ error }));
        return p;
      },
      title: (p) => `${p.landClassName} ${p.bsm}`,
      geometry: (p) => p.geometry,
      focus: (p) => ({ latlng: [p.labelPoint.coordinates[1], p.labelPoint.coordinates[0]], zoom: 16 }),
      render: (p, app) => h('div',
        h('div.swatchline', h('span.swatch', { style: { background: GROUP_COLOURS[String(p.classGroup).toLowerCase()] } }),
          h('b', `${p.landClassName} (${p.landClassCode})`), ' ', te('cg', p.classGroup), synthBadge(p.synthetic)),
        kv([
          ['bsm', h('code.bsm', p.bsm)], ['tbbh', p.tbbh],
          ['area', areaMu(p.areaMu)], ['netArea', areaMu(p.netAreaMu)], ['grossArea', areaMu(m2mu(p.surveyedAreaM2))],
          ['perimeter', unit(p.perimeterM, 'm', 0)],
          ['village', link(p.village.name, () => app.select({ kind: 'admin', id: p.village.code }, { fly: true }))],
          ['township', link(p.township.name, () => app.select({ kind: 'admin', id: p.township.code }, { fly: true }))],
          ['zldw', `${p.locationUnitName} (${p.locationUnitCode})`], ['qsdw', `${p.ownerUnitName} (${p.ownerUnitCode})`],
          ['qsxz', `${p.ownershipNature} ${QSXZ[p.ownershipNature] || ''}`],
          ['pbf', yesno(p.isPermanentBasicFarmland)], ['hsf', yesno(p.isHighStandardFarmland)],
          ['hsfProject', p.highStandardFarmlandProject && `${p.highStandardFarmlandProject.name} (${p.highStandardFarmlandProject.year}, ${te('hsf', p.highStandardFarmlandProject.status)})`],
          ['circulation', h(`span.status.circ-${String(p.circulationStatus).toLowerCase()}`, te('circ', p.circulationStatus))],
          ['planting', p.plantingAttribute && `${p.plantingAttribute} ${te('pa', p.plantingAttribute)}`],
          ['slopeClass', p.slopeClass], ['croplandType', p.croplandType], ['grade', p.croplandGrade],
          ['elevation', unit(p.elevationMeanM, 'm', 0)], ['slope', p.slopeMeanDeg != null ? `${num(p.slopeMeanDeg, 1)}°` : null],
          ['belt', p.belt?.name], ['industries', p.belt?.recommendedIndustries?.join('、')],
          ['dataYear', p.dataYear],
        ]),
        parcelContracts(p, app)),
    },
    overview: {
      load: async (ref) => {
        const [village, group] = ref.id.split(':');
        const d = await gql(`query($c: String!, $g: [LandClassGroup!]) {
          adminUnit(code: $c) { code name kind parent { code name } bbox boundary(simplify: 10, precision: 6) }
          parcels(filter: { adminCode: $c, classGroups: $g }, first: 0) { totalCount totalAreaMu } }`,
        { c: village, g: [group.toUpperCase()] });
        if (!d.adminUnit) throw notFound();
        return { ...d, group };
      },
      title: (d) => `${d.adminUnit.name} · ${te('cg', d.group)}`,
      geometry: (d) => d.adminUnit.boundary,
      focus: (d) => ({ bbox: d.adminUnit.bbox }),
      render: (d, app) => h('div',
        h('div.swatchline', h('span.swatch', { style: { background: GROUP_COLOURS[d.group] } }), h('b', te('cg', d.group))),
        kv([
          ['village', link(d.adminUnit.name, () => app.select({ kind: 'admin', id: d.adminUnit.code }, { fly: true }))],
          ['township', d.adminUnit.parent?.name],
          ['parcels', num(d.parcels.totalCount, 0)], ['area', areaMu(d.parcels.totalAreaMu)],
        ]),
        h('p.note', t('overviewNote'))),
    },
  },
});
