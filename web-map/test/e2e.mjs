// End-to-end tests of the web map in real headless Chromium against a running LandAtlas with demo data.
//   node test/e2e.mjs http://127.0.0.1:8080      (env CHROMIUM = browser binary, SCREENSHOTS = folder)
// Prints "N passed, M failed" last and exits non-zero on failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const base = (process.argv[2] || 'http://127.0.0.1:8080').replace(/\/$/, '');
const shots = resolve(process.env.SCREENSHOTS || resolve(dirname(fileURLToPath(import.meta.url)), 'screenshots'));
mkdirSync(shots, { recursive: true });
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let passed = 0, failed = 0;
const problems = [];
async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}: ${err && err.stack || err}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

async function gql(query, variables) {
  const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const j = await r.json();
  if (j.errors) throw new Error(JSON.stringify(j.errors));
  return j.data;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });

/** A page that records console errors, page errors, failed requests and HTTP errors (204 is fine). */
async function openPage(hash = '', viewport = { width: 1280, height: 800 }) {
  const ctx = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    const f = r.failure()?.errorText || '';
    // Tiles that leave the view are aborted on purpose.
    if (f.includes('ERR_ABORTED') && r.url().includes('/tiles/')) return;
    errors.push(`requestfailed: ${r.url()} ${f}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) errors.push(`external request: ${r.url()}`); });
  await page.goto(`${base}/${hash}`);
  await page.waitForFunction(() => window.__landatlas && window.__landatlas.ready, null, { timeout: 30000 });
  return { page, errors, ctx };
}
const idle = (page) => page.evaluate(() => window.__landatlas.idle());
const stats = (page) => page.evaluate(() => window.__landatlas.stats());

/** Share of non-transparent, coloured pixels of the drawn parcel canvases in view. */
async function parcelPixels(page) {
  return page.evaluate(() => {
    const layer = window.__landatlas.layers.get('parcels').layer;
    let coloured = 0, total = 0;
    for (const rec of layer.records()) {
      const c = rec.tile;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 16) {
        total++;
        if (d[i + 3] > 0 && !(d[i] === d[i + 1] && d[i + 1] === d[i + 2])) coloured++;
      }
    }
    return { coloured, total };
  });
}

let county = '533401';
let sample;

await test('page loads without console errors or failed requests; parcels drawn at county zoom', async () => {
  const { page, errors, ctx } = await openPage(`#c=${county}`);
  await page.waitForFunction(() => window.__landatlas.parcelsDrawnAt, null, { timeout: 20000 });
  await idle(page);
  const s = await stats(page);
  assert(s.byLayer.parcels?.features > 0, `no parcel features drawn: ${JSON.stringify(s)}`);
  const px = await parcelPixels(page);
  assert(px.coloured > 0, `parcel canvases have no coloured pixels ${JSON.stringify(px)}`);
  const z = await page.evaluate(() => window.__landatlas.map.getZoom());
  assert(z <= 11, `county view zoom ${z}`);
  assert(await page.locator('.badge.synth').first().isVisible(), 'synthetic-data badge not visible');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/county.png` });
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await test('parcels render at parcel zoom; clicking a parcel opens its details with the right code and area', async () => {
  // A farmland parcel of the county, from the API.
  const d = await gql(`query($c: String) { parcels(filter: { adminCode: $c, classGroups: [FARMLAND], areaMu: { min: 5 } }, first: 1) { edges { node { id bsm areaMu labelPoint(precision: 7) } } } }`, { c: county });
  sample = d.parcels.edges[0].node;
  const [lon, lat] = sample.labelPoint.coordinates;
  const { page, errors, ctx } = await openPage(`#c=${county}&z=17&ll=${lat},${lon}&l=parcels,villages,townships,counties,roads,labels`);
  await page.waitForFunction(() => window.__landatlas.parcelsDrawnAt, null, { timeout: 20000 });
  await idle(page);
  const s = await stats(page);
  assert(s.parcelFeaturesInView > 0, 'no parcels in view at z17');
  const px = await parcelPixels(page);
  assert(px.coloured / px.total > 0.05, `too few coloured pixels at parcel zoom ${JSON.stringify(px)}`);
  // Click at the label point.
  const pt = await page.evaluate(([la, lo]) => {
    const m = window.__landatlas.map;
    const p = m.latLngToContainerPoint([la, lo]);
    const r = m.getContainer().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, [lat, lon]);
  await page.mouse.click(pt.x, pt.y);
  await page.waitForFunction(() => window.__landatlas.selState === 'ready', null, { timeout: 15000 });
  const shown = await page.locator('.details').innerText();
  assert(shown.includes(sample.bsm), `details do not show BSM ${sample.bsm}: ${shown.slice(0, 300)}`);
  const areaTxt = sample.areaMu.toFixed(2).replace(/\.?0+$/, '');
  const shownNums = shown.replace(/,/g, '');
  assert(shownNums.includes(areaTxt), `details do not show area ${areaTxt}: ${shown.slice(0, 400)}`);
  const hash = await page.evaluate(() => location.hash);
  assert(hash.includes(`sel=parcel%3A${sample.id}`) || hash.includes(`sel=parcel:${sample.id}`), `hash has no selection: ${hash}`);
  await page.screenshot({ path: `${shots}/parcel-details.png` });
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await test('a filter changes the count (and the tile filter)', async () => {
  const { page, errors, ctx } = await openPage(`#c=${county}`);
  await page.click('[data-tab=filter]');
  const count = page.locator('[data-testid=filter-count]');
  await page.waitForFunction(() => document.querySelector('[data-testid=filter-count]')?.dataset.count, null, { timeout: 15000 });
  const before = Number(await count.getAttribute('data-count'));
  const expected = (await gql(`query($c: String) { parcels(filter: { adminCode: $c, classGroups: [FARMLAND] }, first: 0) { totalCount } }`, { c: county })).parcels.totalCount;
  await page.check('.filter input[value=farmland]');
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid=filter-count]').dataset.count) !== b, before, { timeout: 15000 });
  const after = Number(await count.getAttribute('data-count'));
  assert(after === expected && after < before, `count ${before} → ${after}, expected ${expected}`);
  const params = await page.evaluate(() => window.__landatlas.layers.get('parcels').layer.options.params);
  assert(params.class_group === 'farmland', `tile params ${JSON.stringify(params)}`);
  await page.fill('[data-range=areaMin]', '10');
  await page.dispatchEvent('[data-range=areaMin]', 'change');
  await page.waitForFunction((a) => Number(document.querySelector('[data-testid=filter-count]').dataset.count) < a, after, { timeout: 15000 });
  await idle(page);
  await page.screenshot({ path: `${shots}/filter.png` });
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await test('search finds a village and opens it', async () => {
  const v = (await gql(`query($c: String) { adminUnits(parentCode: $c, level: VILLAGE) { code name } }`, { c: county })).adminUnits[3];
  const { page, errors, ctx } = await openPage(`#c=${county}`);
  await page.fill('.searchbox', v.name);
  await page.waitForSelector('.results li[role=option]', { timeout: 15000 });
  const first = await page.locator('.results li[role=option]').first().innerText();
  assert(first.includes(v.name), `first result ${first} for ${v.name}`);
  await page.locator('.results li[role=option]', { hasText: v.code }).first().click();
  await page.waitForFunction(() => window.__landatlas.selState === 'ready', null, { timeout: 15000 });
  const hash = await page.evaluate(() => location.hash);
  assert(hash.includes(v.code), `hash ${hash} lacks ${v.code}`);
  assert((await page.locator('.details h2').innerText()).includes(v.name), 'village not in details');
  await idle(page);
  await page.screenshot({ path: `${shots}/search-village.png` });
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await test('statistics panel shows a chart, shares and target progress', async () => {
  const { page, errors, ctx } = await openPage(`#c=150627`);
  await page.click('[data-tab=stats]');
  await page.waitForSelector('.stats svg.chart rect', { timeout: 15000 });
  const bars = await page.locator('.stats svg.chart rect').count();
  assert(bars >= 3, `only ${bars} bars`);
  assert(await page.locator('.stats .progress').count() > 0, 'no target progress bars');
  assert(await page.locator('.stats figure.ring').count() === 2, 'no rings');
  await idle(page);
  await page.screenshot({ path: `${shots}/statistics.png` });
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await test('draw a rectangle → selection statistics', async () => {
  const { page, errors, ctx } = await openPage(`#c=${county}`);
  await idle(page);
  await page.click('[data-tab=draw]');
  await page.click('[data-draw=rect]');
  const box = await page.locator('#map').boundingBox();
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  await page.mouse.move(cx - 200, cy - 200);
  await page.mouse.down();
  await page.mouse.move(cx, cy, { steps: 5 });
  await page.mouse.move(cx + 200, cy + 200, { steps: 5 });
  await page.mouse.up();
  await page.waitForSelector('[data-testid=selection-count]', { timeout: 15000 });
  const n = Number(await page.locator('[data-testid=selection-count]').getAttribute('data-count'));
  assert(n > 0, `selection count ${n}`);
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await test('export of the filter result as CSV (UTF-8 BOM) and GeoJSON', async () => {
  const { page, errors, ctx } = await openPage(`#c=${county}`);
  await page.click('[data-tab=filter]');
  await page.check('.filter input[value=water]');
  await page.click('[data-tab=export]');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=csv]')]);
  const text = await (await csv.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  assert(text.charCodeAt(0) === 0xfeff, 'no BOM');
  const rows = text.trim().split('\r\n');
  const expected = (await gql(`query($c: String) { parcels(filter: { adminCode: $c, classGroups: [WATER] }, first: 0) { totalCount } }`, { c: county })).parcels.totalCount;
  assert(rows.length - 1 === expected, `csv rows ${rows.length - 1} expected ${expected}`);
  const [gj] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=geojson]')]);
  const fc = JSON.parse(await (await gj.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8')));
  assert(fc.type === 'FeatureCollection' && fc.features.length === expected && fc.features[0].geometry, 'bad GeoJSON');
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await test('language switch to English and back', async () => {
  const { page, errors, ctx } = await openPage(`#c=${county}`);
  await page.click('[data-tab=layers]');
  const zh = await page.locator('.tabs').innerText();
  assert(zh.includes('图层'), `not Chinese by default: ${zh}`);
  await page.click('button.lang');
  const en = await page.locator('.tabs').innerText();
  assert(en.includes('Layers') && !en.includes('图层'), `not English: ${en}`);
  assert((await page.evaluate(() => location.hash)).includes('lang=en'), 'lang not in URL');
  assert((await page.locator('.layers').innerText()).includes('Land parcels'), 'layer names not translated');
  await idle(page);
  await page.screenshot({ path: `${shots}/english.png` });
  await page.click('button.lang');
  assert((await page.locator('.tabs').innerText()).includes('图层'), 'not back to Chinese');
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await test('a shared URL restores county, zoom, layers and selection (also on hashchange)', async () => {
  const [lon, lat] = sample.labelPoint.coordinates;
  const hash = `#c=${county}&z=15&ll=${lat.toFixed(5)},${lon.toFixed(5)}&l=parcels,counties,high_standard_farmland&sel=parcel:${sample.id}&lang=en`;
  const { page, errors, ctx } = await openPage(hash);
  await page.waitForFunction(() => window.__landatlas.selState === 'ready', null, { timeout: 15000 });
  const st = await page.evaluate(() => ({ c: window.__landatlas.county, z: window.__landatlas.map.getZoom(), l: window.__landatlas.visibleLayers(), sel: window.__landatlas.sel, tab: document.querySelector('.tab.on')?.innerText }));
  assert(st.c === county, `county ${st.c}`);
  assert(st.z === 15, `zoom ${st.z}`);
  assert(JSON.stringify([...st.l].sort()) === JSON.stringify(['counties', 'high_standard_farmland', 'parcels']), `layers ${st.l}`);
  assert(st.sel.kind === 'parcel' && String(st.sel.id) === String(sample.id), `selection ${JSON.stringify(st.sel)}`);
  assert((await page.locator('.details').innerText()).includes(sample.bsm), 'selected parcel not shown');
  assert(st.tab.includes('Details'), `not English: ${st.tab}`);
  // hashchange: another county and layer set.
  await page.evaluate(() => { location.hash = '#c=331126&z=10&ll=27.64,119.16&l=parcels,villages'; });
  await page.waitForFunction(() => window.__landatlas.county === '331126' && window.__landatlas.map.getZoom() === 10, null, { timeout: 10000 });
  const l2 = await page.evaluate(() => window.__landatlas.visibleLayers());
  assert(JSON.stringify(l2.sort()) === JSON.stringify(['parcels', 'villages']), `layers after hashchange ${l2}`);
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await test('tablet layout: the side panel collapses and opens', async () => {
  const { page, errors, ctx } = await openPage(`#c=${county}`, { width: 800, height: 1100 });
  await idle(page);
  await page.click('button.collapse');
  await page.waitForTimeout(300);
  assert(await page.evaluate(() => document.getElementById('app').classList.contains('collapsed')), 'panel did not collapse');
  await page.click('button.collapse');
  await page.waitForTimeout(300);
  await page.click('[data-tab=layers]');
  await page.screenshot({ path: `${shots}/tablet.png` });
  assert(errors.length === 0, errors.join('\n'));
  await ctx.close();
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
