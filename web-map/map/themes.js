// The theme registry. A theme contributes map layers (vector-tile layer definitions with style, legend and
// click handling) and detail renderers for the objects its layers show; later themes (circulation, PV and
// homesteads, terrain) register themselves the same way without touching the core.
//
// Layer definition:
//   { id, tiles: 'layer name', zIndex, minZoom, defaultOn, draw (default true), params(app) → tile filters,
//     style(props, z, feature) → {fill, stroke, width, dash, radius, halo} | null,
//     legend() → [{label, fill, stroke, dash, point}], pick(feature, latlng) → {kind, id, at} | null,
//     hover(props) → short text,
//     serverExport: { mutation, input?: 'XFilter', county: 'argument', fixed?: 'more: ARGS' } — the layer's staff export:
//     its export mutation, its filter input type (otherwise the list query's own arguments) and the field the map's
//     county goes to; the drawn area travels as bbox (export.js) }
// Detail renderer (by kind): { load(ref, app) → Promise<data>, render(data, app) → Element,
//     title(data) → string, geometry(data) → GeoJSON | null, focus(data) → {bbox} | {latlng, zoom} }
// Panel (optional): { id, title, render(app) → Element }
const themes = [];
const details = new Map();

export function registerTheme(theme) {
  themes.push(theme);
  for (const [kind, renderer] of Object.entries(theme.details || {})) details.set(kind, renderer);
}
export function allThemes() { return themes; }
export function allLayerDefs() { return themes.flatMap((t) => (t.layers || []).map((l) => ({ ...l, theme: t.id }))); }
export function detailRenderer(kind) { return details.get(kind); }

// Extras of a detail panel (e.g. staff actions: listing-work.js, contract-work.js, dispute-work.js): fn(data, app) →
// Element | null, appended below the renderer's own content in registration order.
const extras = new Map();
export function registerDetailExtra(kind, fn) {
  if (!extras.has(kind)) extras.set(kind, []);
  extras.get(kind).push(fn);
}
export function detailExtras(kind) { return extras.get(kind) || []; }
