// The view in the URL hash: #c=533401&z=12&ll=27.83,99.70&l=parcels,villages&sel=parcel:123&lang=en
export function parseHash(hash = location.hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s = {};
  if (p.get('c')) s.c = p.get('c');
  if (p.get('z') && !Number.isNaN(+p.get('z'))) s.z = +p.get('z');
  const ll = (p.get('ll') || '').split(',').map(Number);
  if (ll.length === 2 && ll.every(Number.isFinite)) s.ll = ll;
  if (p.has('l')) s.l = p.get('l').split(',').filter(Boolean);
  if (p.get('sel')) s.sel = p.get('sel');
  if (p.get('lang')) s.lang = p.get('lang');
  return s;
}
export function formatHash(s) {
  const parts = [];
  if (s.c) parts.push(`c=${s.c}`);
  if (s.z != null) parts.push(`z=${s.z}`);
  if (s.ll) parts.push(`ll=${s.ll.map((v) => v.toFixed(5)).join(',')}`);
  if (s.l) parts.push(`l=${s.l.join(',')}`);
  if (s.sel) parts.push(`sel=${encodeURIComponent(s.sel)}`);
  if (s.lang) parts.push(`lang=${s.lang}`);
  return `#${parts.join('&')}`;
}
/** 'kind:id' or 'kind:id@lon,lat' ⇄ {kind, id, at} */
export function parseRef(sel) {
  const m = /^([a-z_]+):([^@]+)(?:@(-?[\d.]+),(-?[\d.]+))?(?:@(\d+))?$/.exec(sel || '');
  if (!m) return null;
  const ref = { kind: m[1], id: m[2] };
  if (m[3]) ref.at = [+m[3], +m[4]];
  if (m[5]) ref.county = m[5];
  return ref;
}
export function formatRef(ref) {
  let s = `${ref.kind}:${ref.id}`;
  if (ref.at) s += `@${ref.at[0].toFixed(6)},${ref.at[1].toFixed(6)}`;
  if (ref.county) s += `@${ref.county}`;
  return s;
}
