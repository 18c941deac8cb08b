// Circulation listings (land offered for circulation) and the contract panel (staff only; contracts.js).
import { registerTheme } from '../themes.js';
import { gql } from '../api.js';
import { h } from '../ui.js';
import { t, te, num, areaMu } from '../i18n.js';
import { kv, unit, link, synthBadge, notFound } from '../kit.js';
import { contractQuery, contractPanel } from '../contracts.js';

const LISTING_COLOURS = { listed: '#c2185b', negotiating: '#ef6c00', contracted: '#6d4c41', draft: '#9e9e9e', withdrawn: '#9e9e9e', expired: '#b0a8a0' };

registerTheme({
  id: 'circulation',
  title: 'theme.circulation',
  layers: [{
    // perViewer: the public sees listed and negotiating listings, staff every listing of their counties.
    id: 'circulation_listings', tiles: 'circulation_listings', zIndex: 40, minZoom: 8, perViewer: true,
    serverExport: { mutation: 'exportListings', input: 'ListingFilter', county: 'adminCode' },
    style: (p) => {
      const c = LISTING_COLOURS[p.status] || '#c2185b';
      return { fill: `${c}40`, stroke: c, width: 2 };
    },
    legend: () => ['listed', 'negotiating', 'contracted'].map((s) => ({ label: `${t('layer.circulation_listings')} · ${te('listing', s)}`, fill: `${LISTING_COLOURS[s]}40`, stroke: LISTING_COLOURS[s] })),
    pick: (f) => ({ kind: 'listing', id: f.props.id ?? f.id }),
    hover: (p) => `${p.title || t('layer.circulation_listings')} · ${num(p.area_mu)} ${t('mu')}`,
  }],
  details: {
    listing: {
      load: (ref) => gql(`query($id: ID!) { circulationListing(id: $id) {
        id listingNo title countyCode landKind pooled areaMu priceYuanPerMuYear termYears mode intendedUse listedOn expiresOn status roadAccessM contactOffice synthetic
        village { code name } parcels { id bsm landClassName areaMu } geometry(precision: 6) } }`, { id: String(ref.id) })
        .then((d) => d.circulationListing || Promise.reject(notFound())),
      title: (l) => l.title,
      geometry: (l) => l.geometry,
      render: (l, app) => h('div', h('div.swatchline', h('b', l.title), synthBadge(l.synthetic)), kv([
        ['code', l.listingNo], ['status', te('listing', l.status)], ['kind', te('kind', l.landKind)], ['area', areaMu(l.areaMu)],
        ['price', l.priceYuanPerMuYear != null ? num(l.priceYuanPerMuYear, 0) : t('negotiable')], ['term', l.termYears], ['mode', te('mode', l.mode)],
        ['intendedUse', l.intendedUse], ['listedOn', l.listedOn], ['roadAccess', unit(l.roadAccessM, 'm', 0)], ['contact', l.contactOffice],
        ['village', link(l.village.name, () => app.select({ kind: 'admin', id: l.village.code }, { fly: true }))],
      ]), l.parcels.length ? h('div', h('h4', `${t('parcels')} (${l.parcels.length})`), h('ul.plain', l.parcels.slice(0, 30).map((p) =>
        h('li', link(`${p.bsm} ${p.landClassName} ${num(p.areaMu)} ${t('mu')}`, () => app.select({ kind: 'parcel', id: p.id }, { fly: true })))))) : null),
    },
    contract: {
      load: (ref) => contractQuery(ref.id).then((c) => c || Promise.reject(notFound())),
      title: (c) => `${t('contract')} ${c.contractNo}`,
      geometry: (c) => c.geometry,
      render: (c, app) => contractPanel(c, app),
    },
  },
});
