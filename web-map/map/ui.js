// Small DOM helpers, toasts and the global loading indicator.
import { t } from './i18n.js';

/** h('div.cls', {attrs, onclick}, ...children) */
export function h(tag, attrs, ...children) {
  const [head, ...classes] = tag.split('.');
  const [name, id] = head.split('#');
  const el = document.createElement(name || 'div');
  if (id) el.id = id;
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k === 'html') el.innerHTML = v;
    else if (k in el && k !== 'list' && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}
export const $ = (sel, root = document) => root.querySelector(sel);

// ---- toasts -------------------------------------------------------------------------------------------
let toastBox;
export function toast(message, kind = 'info', ms = kind === 'error' ? 8000 : 2500) {
  toastBox ??= document.body.appendChild(h('div.toasts', { role: 'status', 'aria-live': 'polite' }));
  const el = h(`div.toast.${kind}`, h('span', message), h('button.x', { title: t('close'), onclick: () => el.remove() }, '×'));
  toastBox.append(el);
  if (ms) setTimeout(() => el.remove(), ms);
  while (toastBox.children.length > 4) toastBox.firstChild.remove();
  return el;
}
export function showError(err) {
  if (!err || err.name === 'AbortError') return;
  console.warn('LandAtlas:', err);
  toast(err.display || err.message || String(err), 'error');
}

// ---- loading indicator ---------------------------------------------------------------------------------
let pending = 0;
let timer = null;
let bar;
const busyListeners = new Set();
export function onBusyChange(fn) { busyListeners.add(fn); }
export function busy() { return pending; }
export function loadingStart() {
  pending++;
  if (pending === 1) {
    busyListeners.forEach((f) => f(true));
    // Only show it for things slower than a blink.
    timer = setTimeout(() => bar?.classList.add('on'), 150);
  }
}
export function loadingEnd() {
  pending = Math.max(0, pending - 1);
  if (pending === 0) {
    clearTimeout(timer);
    bar?.classList.remove('on');
    busyListeners.forEach((f) => f(false));
  }
}
export function mountLoadingBar(parent) {
  bar = parent.appendChild(h('div.loadbar', { role: 'progressbar', 'aria-label': t('loading') }, h('i')));
}

export function download(name, type, parts) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = h('a', { href: url, download: name, style: { display: 'none' } });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
}

export function debounce(fn, ms) {
  let id;
  return (...a) => { clearTimeout(id); id = setTimeout(() => fn(...a), ms); };
}
