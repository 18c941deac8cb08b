// Performance benchmark of the web map in headless Chromium:
//   node test/perf.mjs http://127.0.0.1:8080 [county]      (default county: the one with most parcels)
// Prints one JSON line: time from navigation to "parcels drawn" (the app's performance mark
// landatlas:parcels-drawn), long tasks during a scripted sequence of zooms and pans while tiles arrive,
// and the JavaScript bytes the page loaded (raw and gzip).
import { chromium } from 'playwright-core';
import { gzipSync } from 'node:zlib';

const base = (process.argv[2] || 'http://127.0.0.1:8080').replace(/\/$/, '');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function gql(query) {
  const r = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await r.json()).data;
}
let county = process.argv[3];
if (!county) {
  const d = await gql('{ counties { code summary { parcelCount } } }');
  county = d.counties.sort((a, b) => b.summary.parcelCount - a.summary.parcelCount)[0].code;
}
const parcelCount = (await gql(`{ adminUnit(code: "${county}") { summary { parcelCount } } }`)).adminUnit.summary.parcelCount;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.addInitScript(() => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true }); window.__loaf=[]; new PerformanceObserver((l)=>{for (const e of l.getEntries()) if (e.duration>60) window.__loaf.push({start:Math.round(e.startTime),dur:Math.round(e.duration),block:Math.round(e.blockingDuration),render:Math.round(e.startTime+e.duration-e.renderStart),style:Math.round(e.startTime+e.duration-e.styleAndLayoutStart),scripts:e.scripts.map(s=>({inv:s.invoker,src:(s.sourceFunctionName||'')+'@'+(s.sourceCharPosition),d:Math.round(s.duration),fl:Math.round(s.forcedStyleAndLayoutDuration)}))});}).observe({type:'long-animation-frame',buffered:true});
  } catch { /* not supported */ }
});
const js = [];
page.on('response', async (r) => {
  const url = r.url();
  if (/\.m?js(\?|$)/.test(url) && r.status() === 200) {
    try { const body = await r.body(); js.push({ url, raw: body.length, gzip: gzipSync(body, { level: 9 }).length }); } catch { /* ignore */ }
  }
});
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));

await page.goto(`${base}/#c=${county}${process.env.PERF_HASH || ""}`);
await page.waitForFunction(() => performance.getEntriesByName('landatlas:parcels-drawn').length > 0, null, { timeout: 60000 });
const firstDrawMs = await page.evaluate(() => performance.getEntriesByName('landatlas:parcels-drawn')[0].startTime);
await page.evaluate(() => window.__landatlas.idle());
const loadLong = await page.evaluate(() => window.__longtasks.slice());

// Scripted zooms and pans while tiles arrive: don't wait for the previous step's tiles.
const seqStart = await page.evaluate(() => performance.now());
const steps = [];
const centre = await page.evaluate(() => { const c = window.__landatlas.map.getCenter(); return [c.lat, c.lng]; });
const z0 = await page.evaluate(() => window.__landatlas.map.getZoom());
const moves = [
  ['zoom', z0 + 1], ['pan', [200, 0]], ['zoom', z0 + 2], ['pan', [0, 200]], ['zoom', z0 + 3], ['pan', [-250, 0]],
  ['zoom', 12], ['pan', [300, 100]], ['zoom', 13], ['pan', [-200, -200]], ['zoom', 14], ['pan', [250, 0]], ['zoom', 12], ['zoom', 10],
];
for (const [kind, arg] of moves) {
  await page.evaluate(([k, a]) => {
    const m = window.__landatlas.map;
    if (k === 'zoom') m.setZoom(a, { animate: true });
    else m.panBy(a, { animate: true });
  }, [kind, arg]);
  await page.waitForTimeout(450);
  steps.push(kind);
}
await page.evaluate(() => window.__landatlas.idle());
const seqEnd = await page.evaluate(() => performance.now());
const all = await page.evaluate(() => window.__longtasks.slice());
const seqLong = all.filter((t) => t.start >= seqStart);
console.log('LT', JSON.stringify(seqLong.filter(t=>t.duration>90).map(t=>[Math.round(t.start),Math.round(t.duration)])));
const stats = await page.evaluate(() => window.__landatlas.stats());
console.log(JSON.stringify(await page.evaluate(()=>window.__loaf),null,0));
await browser.close();

const sum = (a, k) => a.reduce((n, x) => n + x[k], 0);
console.log(JSON.stringify({
  url: `${base}/#c=${county}`, county, parcels: parcelCount,
  firstParcelsDrawnMs: Math.round(firstDrawMs),
  loadLongTasks: { count: loadLong.length, maxMs: Math.round(Math.max(0, ...loadLong.map((t) => t.duration))) },
  interaction: { steps: steps.length, durationMs: Math.round(seqEnd - seqStart), longTasks: seqLong.length, maxLongTaskMs: Math.round(Math.max(0, ...seqLong.map((t) => t.duration))), over200ms: seqLong.filter((t) => t.duration > 200).length },
  tiles: { requested: stats.tilesRequested, drawn: stats.tilesDrawn, features: stats.featuresDrawn, drawMsByLayer: Object.fromEntries(Object.entries(stats.byLayer).map(([k, v]) => [k, { total: Math.round(v.drawMs), max: Math.round(v.maxDrawMs) }])) },
  js: { files: js.length, rawBytes: sum(js, 'raw'), gzipBytes: sum(js, 'gzip') },
  errors,
}));
