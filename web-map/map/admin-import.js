// Admin → 数据导入 Data import (staff of a county and administrators): a bureau's survey file goes up to
// /exchange/imports with a real progress bar (XMLHttpRequest upload events), the server stages and checks it and
// answers with the job's report; 确认导入 commits it (then the change summary from /changes), 取消 cancels it.
// Nothing changes in the database before the commit. Below the form: the county's recent jobs (GET /exchange/imports).
import { h, toast } from './ui.js';
import { t, num, getLang } from './i18n.js';
import { rest, upload } from './api.js';
import { errorBox, countyName } from './admin-kit.js';

const ACCEPT = '.zip,.gpkg,.shp,.shx,.dbf,.prj,.cpg,.geojson,.json,.kml,.csv';
const SHAPEFILE_PARTS = /\.(shp|shx|dbf|prj|cpg|qix|sbn|sbx)$/i;
const CHANGES_SHOWN = 200;
const MAX_CHANGES = 100000; // the API's largest limit of /changes
const session = []; // the county's recent jobs and this visit's, newest first

/** "中文 English" titles of the profile's checks: the part in the reader's language first. */
function bilingual(title) {
  const m = /^([^A-Za-z]*[^\sA-Za-z])\s*([A-Za-z].*)$/.exec(title || '');
  if (!m) return title;
  return getLang() === 'en' ? `${m[2]} · ${m[1]}` : `${m[1]} · ${m[2]}`;
}
const mb = (bytes) => (bytes < 1048576 ? `${num(bytes / 1024, bytes < 10240 ? 1 : 0)} KB` : `${num(bytes / 1048576, 1)} MB`);

/** The one file to send: a single file as it is, several (a Shapefile's parts) zipped in the browser. */
async function bundle(files) {
  if (files.length === 1 && !/\.(shp|shx|dbf|prj|cpg)$/i.test(files[0].name)) return { blob: files[0], name: files[0].name };
  const { zipSync } = await import('fflate');
  const entries = {};
  for (const f of files) entries[f.name] = [new Uint8Array(await f.arrayBuffer()), { level: SHAPEFILE_PARTS.test(f.name) ? 1 : 0 }];
  const shp = files.find((f) => /\.shp$/i.test(f.name));
  const name = `${(shp || files[0]).name.replace(/\.[^.]+$/, '')}.zip`;
  return { blob: new Blob([zipSync(entries)], { type: 'application/zip' }), name };
}

/** An option's name and value as the reader's language has them (the API's own words otherwise). */
const optionLabel = (name) => { const k = `imp.opt.${name}`; const l = t(k); return l === k ? name : l; };
const optionValue = (name, value) => { const k = `imp.opt.${name}.${value}`; const l = t(k); return l === k ? value : l; };

function statusBadge(status) {
  return h(`span.jobstate.job-${status}`, { 'data-testid': 'job-status', 'data-status': status }, t(`imp.status.${status}`));
}

function reportTable(report) {
  const tbody = h('tbody');
  for (const c of report.checks || []) {
    const bad = c.count > 0;
    const rows = (c.examples || []).map((r) => h('li', `${t('imp.row', { n: r.row_no })} · ${r.record_key ?? t('none')} · ${r.detail ?? ''}`));
    const more = c.count > rows.length ? h('li.note', t('imp.moreRows', { n: num(c.count - rows.length, 0) })) : null;
    tbody.append(h(`tr.check${bad ? (c.blocking ? '.blocked' : '.warned') : '.passed'}`, { 'data-check': c.code, 'data-count': c.count },
      h('td', bilingual(c.title), h('div.note', h('code', c.code))),
      h('td.nowrap', h(`span.severity.${c.blocking ? 'blocking' : 'warning'}`, t(c.blocking ? 'imp.blocking' : 'imp.warning'))),
      h('td.num', bad ? num(c.count, 0) : h('span.ok', `✓ 0`)),
      h('td', rows.length ? h('details', h('summary', t('imp.firstRows', { n: rows.length })), h('ul.examples', rows, more)) : '')));
  }
  return h('div.table-wrap', h('table.grid.report', { 'data-testid': 'import-report-table' },
    h('thead', h('tr', ['imp.check', 'imp.severity', 'imp.count', 'imp.rows'].map((k) => h('th', t(k))))), tbody));
}

/** Added / changed / removed, how often each field changed, and the first changes with before → after. */
async function changeSummary(job, slot) {
  const r = job.result || {};
  const box = h('div.import-result', { 'data-testid': 'import-result', 'data-added': r.added ?? 0, 'data-changed': r.changed ?? 0, 'data-removed': r.removed ?? 0 },
    h('h4', t('imp.committed')),
    h('div.counts', ['added', 'changed', 'removed'].map((k) => h(`span.count.${k}`, h('b', num(r[k] ?? 0, 0)), ` ${t(`imp.${k}`)}`))));
  slot.replaceChildren(box);
  const total = (r.added ?? 0) + (r.changed ?? 0) + (r.removed ?? 0);
  if (!total) {
    box.append(h('p.note', t('imp.noChanges')));
    return;
  }
  const err = errorBox();
  box.append(err);
  try {
    // Counting changes per field needs every changed record (up to the API's 100,000); otherwise the first rows do.
    const limit = r.changed ? Math.min(MAX_CHANGES, Math.max(CHANGES_SHOWN, total)) : CHANGES_SHOWN;
    const list = await rest(`/exchange/imports/${job.id}/changes?limit=${limit}`);
    const perField = new Map();
    const parsed = list.map((c) => ({ ...c, fields: c.fields ? JSON.parse(c.fields) : null }));
    for (const c of parsed) for (const f of Object.keys(c.fields || {})) perField.set(f, (perField.get(f) || 0) + 1);
    if (perField.size) {
      box.append(h('h4', t('imp.perField'), total > list.length ? h('small.muted', ` ${t('imp.perFieldOf', { n: num(list.length, 0) })}`) : null), h('ul.per-field', { 'data-testid': 'import-per-field' },
        [...perField].sort((a, b) => b[1] - a[1]).map(([f, n]) => h('li', { 'data-field': f }, h('code', f.toUpperCase()), ` ${num(n, 0)}`))));
    }
    const shown = parsed.slice(0, CHANGES_SHOWN);
    const cell = (c) => (c.fields && Object.keys(c.fields).length
      ? Object.entries(c.fields).map(([f, [a, b]]) => h('div', h('code', f.toUpperCase()), `: ${a ?? t('none')} → ${b ?? t('none')}`))
      : h('span.note', t(c.change === 'changed' ? 'imp.flagsOnly' : 'none')));
    box.append(h('h4', t('imp.changes', { n: num(shown.length, 0), total: num(total, 0) })),
      h('div.table-wrap', h('table.grid.changes', { 'data-testid': 'import-changes' },
        h('thead', h('tr', h('th', 'BSM'), h('th', t('imp.change')), h('th', t('imp.fields')))),
        h('tbody', shown.map((c) => h(`tr.change-${c.change}`, { 'data-key': c.key, 'data-change': c.change },
          h('td', h('code', c.key)), h('td.nowrap', t(`imp.${c.change}`)), h('td', cell(c))))))));
  } catch (x) {
    err.show(x);
  }
}

/** A job: what was read, its report, and what can be done with it. */
function jobCard(app, job, onChange) {
  const err = errorBox();
  const actions = h('div.actions');
  const outcome = h('div.outcome-slot');
  const rep = job.report || { checks: [] };
  const blocking = (rep.checks || []).filter((c) => c.blocking && c.count > 0).length;
  const warnings = (rep.checks || []).filter((c) => !c.blocking && c.count > 0).length;
  const act = (action) => async (e) => {
    err.show(null);
    actions.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    e.currentTarget.classList.add('busy');
    try {
      const done = await rest(`/exchange/imports/${job.id}/${action}`, { method: 'POST' });
      toast(t(action === 'commit' ? 'imp.commitDone' : 'imp.cancelDone', { id: job.id }));
      onChange(done);
    } catch (x) {
      err.show(x);
      actions.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    }
  };
  if (job.status === 'checked') {
    actions.append(h('button.btn.primary', { 'data-action': 'commit', onclick: act('commit') }, t('imp.commit')),
      h('button.btn', { 'data-action': 'cancel', onclick: act('cancel') }, t('imp.cancel')));
  } else if (job.status === 'rejected') {
    actions.append(h('button.btn', { 'data-action': 'cancel', onclick: act('cancel') }, t('imp.cancel')));
  }
  const card = h('section.import-job', { 'data-testid': 'import-job', 'data-id': job.id, 'data-status': job.status },
    h('h3', t('imp.job', { id: job.id }), ' ', statusBadge(job.status)),
    h('dl.kv',
      h('dt', t('imp.file')), h('dd', `${job.fileName} (${mb(job.fileBytes || 0)})`),
      h('dt', t('imp.county')), h('dd', `${countyName(app, job.countyCode)} (${job.countyCode})`),
      h('dt', t('imp.features')), h('dd', { 'data-testid': 'import-features' }, num(job.features, 0)),
      h('dt', t('imp.layer2')), h('dd', job.layer || t('none')),
      h('dt', t('imp.crs')), h('dd', job.sourceCrs || t('none')),
      h('dt', t('imp.encoding')), h('dd', job.encoding || t('imp.fileEncoding')),
      // The profile's options the file was checked (and is committed) under, e.g. the classification system.
      ...Object.entries(job.report?.options || {}).flatMap(([k, v]) => [h('dt', optionLabel(k)), h('dd', { 'data-job-option': k, 'data-value': v }, optionValue(k, v))])),
    job.status === 'checked' || job.status === 'rejected'
      ? h(`p.verdict.${job.status}`, { 'data-testid': 'import-verdict' }, job.status === 'rejected'
        ? t('imp.rejectedNote', { n: blocking }) : warnings ? t('imp.checkedWarn', { n: warnings }) : t('imp.checkedNote'))
      : null,
    h('div', { 'data-testid': 'import-report' }, reportTable(rep)),
    err, actions, outcome);
  if (job.status === 'committed') changeSummary(job, outcome).then(() => outcome.scrollIntoView({ block: 'nearest' }));
  if (job.status === 'cancelled') outcome.append(h('p.note', { 'data-testid': 'import-cancelled' }, t('imp.cancelledNote')));
  return card;
}

export function importTab(app) {
  const formErr = errorBox();
  const profile = h('select', { required: true, 'data-import': 'profile' });
  const staffCounties = app.counties.filter((c) => app.isStaffIn(c.code));
  const county = h('select', { required: true, 'data-import': 'county' }, staffCounties.map((c) => h('option', { value: c.code, selected: c.code === app.county }, `${c.name} (${c.code})`)));
  const file = h('input', { type: 'file', required: true, multiple: true, accept: ACCEPT, 'data-import': 'file' });
  const crs = h('input', { type: 'text', placeholder: 'EPSG:4545', pattern: '[Ee][Pp][Ss][Gg]:[0-9]{4,6}', autocomplete: 'off', 'data-import': 'crs' });
  const encoding = h('select', { 'data-import': 'encoding' }, ['', 'GBK', 'UTF-8'].map((v) => h('option', { value: v }, v || t('imp.encAuto'))));
  const layer = h('input', { type: 'text', autocomplete: 'off', 'data-import': 'layer' });
  const scope = h('select', { 'data-import': 'scope' }, ['county', 'villages', 'add'].map((v) => h('option', { value: v }, t(`imp.scope.${v}`))));
  const mapping = h('input', { type: 'text', autocomplete: 'off', placeholder: 'bsm:标识码', 'data-import': 'map' });
  const gcj02 = h('input', { type: 'checkbox', 'data-import': 'gcj02' });
  // The chosen profile's own options (GET /exchange/profiles), one choice each, its default first.
  const optionsBox = h('div.form-grid.profile-options', { 'data-testid': 'import-options' });
  let profiles = [];
  const showOptions = () => {
    const p = profiles.find((x) => x.name === profile.value);
    optionsBox.replaceChildren(...(p?.options || []).map((o) => h('label.field.wide', h('span', optionLabel(o.name)),
      h('select', { 'data-import-option': o.name }, o.values.map((v) => h('option', { value: v, selected: v === o.default }, optionValue(o.name, v)))),
      h('small.muted', bilingual(o.description)))));
  };
  profile.addEventListener('change', showOptions);
  const fill = h('i', { style: { width: '0%' } });
  const bar = h('div.pbar.upload', { role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'data-testid': 'upload-progress', hidden: true }, fill);
  const barText = h('p.note.upload-text', { 'data-testid': 'upload-text' });
  const submit = h('button.btn.primary', { type: 'submit', 'data-testid': 'import-upload' }, t('imp.upload'));
  const current = h('div.import-current');
  const earlier = h('div.import-earlier');
  let ctrl = null;
  const cancelUpload = h('button.btn', { type: 'button', hidden: true, onclick: () => ctrl?.abort() }, t('imp.stopUpload'));

  const setProgress = (sent, total) => {
    const pct = total ? Math.min(100, Math.round((100 * sent) / total)) : 100;
    fill.style.width = `${pct}%`;
    bar.setAttribute('aria-valuenow', String(pct));
    bar.dataset.max = String(Math.max(pct, Number(bar.dataset.max || 0)));
    barText.textContent = t('imp.uploading', { pct, sent: mb(sent), total: mb(total) });
  };
  const show = (job) => {
    const i = session.findIndex((j) => j.id === job.id);
    if (i >= 0) session[i] = job; else session.unshift(job);
    const card = jobCard(app, job, show);
    current.replaceChildren(card);
    // The report (or the outcome) lies below the form: bring it into view.
    if (job.status !== 'committed') card.scrollIntoView({ block: 'start' });
    earlier.replaceChildren(...(session.length > 1 ? [h('h3', t('imp.earlier')), h('ul.jobs', session.filter((j) => j.id !== job.id).map((j) => h('li', { 'data-id': j.id },
      // Fetched again: someone else may have committed or cancelled it since.
      h('a', { href: '#', onclick: (e) => { e.preventDefault(); rest(`/exchange/imports/${j.id}`).then(show, (x) => formErr.show(x)); } }, t('imp.job', { id: j.id })), ` · ${j.fileName} · `, statusBadge(j.status))))] : []));
  };

  // The county's recent jobs, so that a job uploaded earlier (or by a colleague) can be committed or cancelled.
  const loadJobs = () => rest(`/exchange/imports?county=${encodeURIComponent(county.value)}&limit=20`).then((jobs) => {
    session.splice(0, session.length, ...jobs);
    const shown = current.firstChild?.dataset?.id;
    earlier.replaceChildren(...(jobs.some((j) => String(j.id) !== shown) ? [h('h3', t('imp.earlier')), h('ul.jobs', jobs.filter((j) => String(j.id) !== shown).map((j) => h('li', { 'data-id': j.id },
      h('a', { href: '#', onclick: (e) => { e.preventDefault(); rest(`/exchange/imports/${j.id}`).then(show, (x) => formErr.show(x)); } }, t('imp.job', { id: j.id })), ` · ${j.fileName} · `, statusBadge(j.status))))] : []));
  }).catch((x) => formErr.show(x));
  county.addEventListener('change', loadJobs);
  if (county.value) loadJobs();

  rest('/exchange/profiles').then((list) => {
    profiles = list;
    profile.replaceChildren(...list.map((p) => h('option', { value: p.name, 'data-fields': p.fields.length }, `${p.title} (${p.name})`)));
    showOptions();
  }).catch((x) => formErr.show(x));

  const form = h('form.admin-form.import-form', {
    'data-testid': 'import-form',
    onsubmit: async (e) => {
      e.preventDefault();
      formErr.show(null);
      const files = [...file.files];
      if (!files.length) { formErr.show(new Error(t('imp.noFile'))); return; }
      submit.disabled = true;
      bar.hidden = false;
      bar.classList.remove('failed');
      delete bar.dataset.max;
      setProgress(0, files.reduce((n, f) => n + f.size, 0));
      ctrl = new AbortController();
      cancelUpload.hidden = false;
      try {
        const { blob, name } = await bundle(files);
        const q = new URLSearchParams({ profile: profile.value, county: county.value, fileName: name });
        if (crs.value.trim()) q.set('crs', crs.value.trim().toUpperCase());
        if (encoding.value) q.set('encoding', encoding.value);
        if (layer.value.trim()) q.set('layer', layer.value.trim());
        if (scope.value !== 'county') q.set('scope', scope.value);
        if (mapping.value.trim()) q.set('map', mapping.value.trim());
        if (gcj02.checked) q.set('gcj02', 'true');
        optionsBox.querySelectorAll('[data-import-option]').forEach((sel) => q.set(sel.dataset.importOption, sel.value));
        setProgress(0, blob.size);
        const job = await upload(`/exchange/imports?${q}`, blob, {
          signal: ctrl.signal,
          onProgress: setProgress,
          onSent: () => { barText.textContent = `${t('imp.uploaded', { size: mb(blob.size) })} ${t('imp.checking')}`; },
        });
        barText.textContent = t('imp.uploaded', { size: mb(blob.size) });
        show(job);
      } catch (x) {
        bar.classList.add('failed');
        if (x.name === 'AbortError') barText.textContent = t('imp.stopped');
        else { formErr.show(x); barText.textContent = t('imp.failed'); }
      } finally {
        submit.disabled = false;
        cancelUpload.hidden = true;
        ctrl = null;
      }
    },
  },
  h('h3', t('imp.new')),
  h('div.form-grid',
    h('label.field', h('span', t('imp.profile')), profile),
    h('label.field', h('span', t('imp.county')), county),
    h('label.field.wide', h('span', t('imp.file')), file, h('small.muted', t('imp.fileHint'))),
    h('label.field', h('span', t('imp.crsOverride')), crs, h('small.muted', t('imp.crsHint'))),
    h('label.field', h('span', t('imp.encoding')), encoding, h('small.muted', t('imp.encHint'))),
    h('label.field', h('span', t('imp.layer')), layer, h('small.muted', t('imp.layerHint'))),
    h('label.field', h('span', t('imp.scope')), scope),
    h('label.field.wide', h('span', t('imp.map')), mapping, h('small.muted', t('imp.mapHint'))),
    h('label.field.wide.check', gcj02, h('span', t('imp.gcj02')))),
  optionsBox,
  h('p.note', t('imp.safe')),
  formErr,
  h('div.actions', submit, cancelUpload),
  bar, barText);
  if (!staffCounties.length) formErr.show(new Error(t('imp.noCounty')));
  if (session.length) show(session[0]);
  return h('div.admin-import', form, current, earlier);
}
