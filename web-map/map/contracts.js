// Circulation contracts (staff only): the query of a contract, the contracts of a parcel, and their rendering
// for the contract panel (themes/circulation.js) and the parcel panel (themes/land.js).
import { h } from './ui.js';
import { t, te, num, areaMu } from './i18n.js';
import { gql } from './api.js';
import { kv, link, around, synthBadge } from './kit.js';
import { transferorsTable, contactRows, maskedBadge } from './personal.js';

export const CONTRACT_FIELDS = `id contractNo filingNo status mode landKind areaMu priceYuanPerMuYear dividendTerms termStart termEnd termYears
  intendedUse signedOn filedOn registered transferorCount countyCode synthetic village { code name }
  transferee { id name kind creditCode mainBusiness contact { name phone idNumber masked } }
  transferors { householdNo name idNumber phone areaMu masked }`;

/** Contracts (any status) whose parcels include the parcel: found by a tiny box around its label point. */
export async function contractsOfParcel(p) {
  const d = await gql(`query($b: [Float!]) { circulationContracts(filter: { bbox: $b }, first: 100) { edges { node {
    ${CONTRACT_FIELDS} parcels { id } } } } }`, { b: around(p.labelPoint.coordinates, 0.00002) });
  const rank = { ACTIVE: 0, EXPIRING: 0, DISPUTED: 1, FILED: 2, SIGNED: 3, DRAFT: 4, EXPIRED: 5, TERMINATED: 6 };
  return d.circulationContracts.edges.map((e) => e.node)
    .filter((c) => c.parcels.some((x) => String(x.id) === String(p.id)))
    .sort((a, b) => (rank[a.status] ?? 9) - (rank[b.status] ?? 9) || String(b.termStart).localeCompare(String(a.termStart)));
}

const term = (c) => `${c.termStart} – ${c.termEnd} (${num(c.termYears, 1)} ${t('years')})`;
const transfereeName = (c) => `${c.transferee.name} · ${te('tk', c.transferee.kind)}`;

/** Short form for the parcel panel: number (opens the contract), status, transferee, term, transferors. */
export function contractSummary(c, app) {
  return h('div.contract', { 'data-testid': 'contract', 'data-contract': c.id },
    h('div.swatchline', link(c.contractNo, () => app.select({ kind: 'contract', id: c.id }, { fly: true })),
      h(`span.status.contract-${c.status.toLowerCase()}`, te('contract', c.status))),
    kv([['transferee', transfereeName(c)], ['term', term(c)], ['area', areaMu(c.areaMu)]]),
    c.transferors.length ? transferorsTable(c.transferors) : null);
}

/** The contracts part of the parcel panel; p.contracts is the list, or {error}, or undefined (not asked). */
export function parcelContracts(p, app) {
  const s = app.session;
  const head = h('h4', t('contracts'));
  if (!s?.signedIn) {
    return p.circulationStatus === 'NONE' ? null
      : h('div.contracts', head, h('p.note.signin-note', { 'data-testid': 'contracts-note' }, t('contracts.signIn')));
  }
  if (!p.contracts) return h('div.contracts', head, h('p.note', t('contracts.otherCounty')));
  if (p.contracts.error) return h('div.contracts', head, h('p.error', p.contracts.error.display || p.contracts.error.message));
  if (!p.contracts.length) return p.circulationStatus === 'NONE' ? null : h('div.contracts', head, h('p.muted', t('contracts.none')));
  return h('div.contracts', head, p.contracts.map((c) => contractSummary(c, app)));
}

export function contractQuery(id) {
  return gql(`query($id: ID!) { circulationContract(id: $id) { ${CONTRACT_FIELDS}
    parcels { id bsm landClassName areaMu } listing { id title }
    history { fromStatus toStatus changedAt changedBy reason } disputes { kind stage summary openedOn resolvedOn }
    geometry(precision: 6) } }`, { id: String(id) }).then((d) => d.circulationContract);
}

/** The full contract panel. */
export function contractPanel(c, app) {
  const tr = c.transferee;
  return h('div.contract-full',
    h('div.swatchline', h('b', c.contractNo), h(`span.status.contract-${c.status.toLowerCase()}`, te('contract', c.status)), synthBadge(c.synthetic)),
    kv([
      ['filingNo', c.filingNo], ['mode', te('mode', c.mode)], ['kind', te('kind', c.landKind)], ['area', areaMu(c.areaMu)],
      ['rent', c.priceYuanPerMuYear != null ? num(c.priceYuanPerMuYear, 0) : null], ['dividend', c.dividendTerms],
      ['term', term(c)], ['intendedUse', c.intendedUse], ['signedOn', c.signedOn], ['filedOn', c.filedOn],
      ['registered', c.registered ? t('yes') : t('no')],
      ['village', link(c.village.name, () => app.select({ kind: 'admin', id: c.village.code }, { fly: true }))],
      ['listing', c.listing && link(c.listing.title, () => app.select({ kind: 'listing', id: c.listing.id }, { fly: true }))],
    ]),
    h('h4', `${t('transferors')} (${c.transferorCount})`, ' ', maskedBadge(c.transferors.some((x) => x.masked))),
    transferorsTable(c.transferors),
    h('h4', t('transferee')),
    kv([['name', transfereeName(c)], ['creditCode', tr.creditCode], ['mainBusiness', tr.mainBusiness]]),
    contactRows(tr.contact),
    c.parcels.length ? h('div', h('h4', `${t('parcels')} (${c.parcels.length})`), h('ul.plain', c.parcels.slice(0, 30).map((p) =>
      h('li', link(`${p.bsm} ${p.landClassName} ${num(p.areaMu)} ${t('mu')}`, () => app.select({ kind: 'parcel', id: p.id }, { fly: true })))))) : null,
    c.history.length ? h('div', h('h4', t('history')), h('ul.plain.history', c.history.map((x) =>
      h('li', `${x.changedAt.slice(0, 10)} ${x.fromStatus ? `${te('contract', x.fromStatus)} → ` : ''}${te('contract', x.toStatus)} · ${x.changedBy}${x.reason ? ` · ${x.reason}` : ''}`)))) : null,
    c.disputes.length ? h('div', h('h4', t('disputes')), h('ul.plain', c.disputes.map((x) =>
      h('li', `${x.openedOn} ${x.kind} · ${x.stage}${x.resolvedOn ? ` → ${x.resolvedOn}` : ''}: ${x.summary}`)))) : null);
}
