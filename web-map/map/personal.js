// Personal data in detail panels — transferor households, transferee contacts, homestead households — with
// masked values marked. The API masks them (张*三, 138****1234) unless the account has the personal-data
// permission in the county, and returns none at all to the public or staff of other counties.
import { h } from './ui.js';
import { t, num } from './i18n.js';
import { kv } from './kit.js';

export function maskedBadge(masked) {
  return masked ? h('span.badge.masked', { title: t('maskedTip') }, t('masked')) : null;
}
const val = (v, masked) => (v == null || v === '' ? t('none') : h(`span.pv${masked ? '.is-masked' : ''}`, v));

/** A contract's transferor households: name, area, ID number, phone, household number; masked ones marked. */
export function transferorsTable(list) {
  return h('ul.people', { 'data-testid': 'transferors' }, list.map((p) => h('li', { 'data-masked': String(p.masked) },
    h('div', h('b', val(p.name, p.masked)), ` · ${num(p.areaMu)} ${t('mu')} `, maskedBadge(p.masked)),
    h('div.small', h('span.muted', `${t('idNumber')} `), val(p.idNumber, p.masked), h('span.muted', ` · ${t('phone')} `), val(p.phone, p.masked)),
    h('div.small.muted', `${t('householdNo')} ${p.householdNo}`))));
}

/** The contact person of a transferee. */
export function contactRows(c) {
  if (!c) return null;
  return kv([['contactPerson', h('span', val(c.name, c.masked), ' ', maskedBadge(c.masked))], ['phone', val(c.phone, c.masked)], ['idNumber', val(c.idNumber, c.masked)]]);
}

/** The household of a homestead, or a note saying who may see it. */
export function householdBlock(hh, { signedIn, staffHere }) {
  if (!hh) {
    if (staffHere) return null;
    return h('p.note.signin-note', { 'data-testid': 'household-note' }, t(signedIn ? 'household.otherCounty' : 'household.signIn'));
  }
  return h('div.household', { 'data-testid': 'household' },
    h('h4', t('household'), ' ', maskedBadge(hh.masked)),
    kv([['householdNo', hh.householdNo], ['headName', val(hh.headName, hh.masked)], ['idNumber', val(hh.idNumber, hh.masked)],
      ['phone', val(hh.phone, hh.masked)], ['members', hh.members]]));
}
