// Hand-written SVG charts (no chart library): horizontal bars, a ring gauge and progress bars.
import { h } from './ui.js';
import { num } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

/** rows: [{label, value, colour, sub}] */
export function barChart(rows, { unit = '', width = 320 } = {}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 26, labelW = 78, valueW = 92, barW = width - labelW - valueW;
  const svg = s('svg', { viewBox: `0 0 ${width} ${rows.length * rowH + 4}`, width: '100%', role: 'img', class: 'chart' });
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const w = Math.max(1, (r.value / max) * barW);
    svg.append(
      s('text', { x: labelW - 6, y: y + 15, 'text-anchor': 'end', class: 'lab' }, r.label),
      s('rect', { x: labelW, y: y + 2, width: w, height: rowH - 8, rx: 3, fill: r.colour, stroke: 'rgba(0,0,0,0.25)' }, s('title', {}, `${r.label}: ${num(r.value)} ${unit}`)),
      s('text', { x: labelW + w + 4, y: y + 15, class: 'val' }, `${num(r.value, 0)}${r.sub ? ` · ${r.sub}` : ''}`),
    );
  });
  return svg;
}

/** A donut/ring gauge for a share 0…1 (values above 1 are drawn full and printed as they are). */
export function ring(share, label, colour = '#1f6fd1') {
  const r = 34, c = 2 * Math.PI * r;
  const v = Math.max(0, Math.min(1, share || 0));
  return h('figure.ring',
    s('svg', { viewBox: '0 0 90 90', width: 90, height: 90, role: 'img' },
      s('circle', { cx: 45, cy: 45, r, fill: 'none', stroke: '#e6e6e6', 'stroke-width': 12 }),
      s('circle', { cx: 45, cy: 45, r, fill: 'none', stroke: colour, 'stroke-width': 12, 'stroke-dasharray': `${v * c} ${c}`, transform: 'rotate(-90 45 45)' }),
      s('text', { x: 45, y: 50, 'text-anchor': 'middle', class: 'pct' }, `${num((share || 0) * 100, 1)}%`)),
    h('figcaption', label));
}

export function progress(p, label, detail, badge) {
  const v = Math.max(0, Math.min(1, p || 0));
  return h('div.progress',
    h('div.plabel', h('span', label), badge, h('span.pval', `${num((p || 0) * 100, 1)}%`)),
    h('div.pbar', h('i', { style: { width: `${v * 100}%` } })),
    h('div.pdetail', detail));
}
