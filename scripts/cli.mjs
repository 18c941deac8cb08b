#!/usr/bin/env node
// LandAtlas on the command line, for scripted loads and exports: talks to a running service with an API token.
// Run through the README's launcher: scripts/run.sh import|export|imports|commit|cancel … (Node 20's fetch only,
// no packages, so it runs wherever the web map builds).
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const usage = `usage: scripts/run.sh COMMAND [options]

  import FILE --profile P --county C [--crs EPSG:n] [--encoding GBK] [--layer L] [--scope county|villages|add]
              [--mapping NAME | --map field:source,…] [--gcj02] [--commit]
      Uploads FILE (a zipped Shapefile, GeoPackage, GeoJSON, KML, CSV …), prints the validation report and,
      with --commit, commits it when nothing blocks. Exit 0 when checked (or committed), 2 when rejected.
  imports --county C [--limit N]      the county's import jobs, newest first
  commit ID | cancel ID               commits or cancels a checked import
  export --county C --format GPKG|SHAPEFILE|GEOJSON|CSV|FLATGEOBUF [--filter JSON] [--encoding GBK|UTF-8] -o FILE
      Exports the county's parcels (further narrowed by a ParcelFilter as JSON) to FILE.

  --url URL      the service (default $LANDATLAS_URL or http://localhost:8080)
  --token T      an API token (default $LANDATLAS_TOKEN; make one in the map's administration panel)`;

function fail(message, code = 1) {
  process.stderr.write(`landatlas: ${message}\n`);
  process.exit(code);
}

function parse(argv) {
  const args = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--commit' || a === '--gcj02' || a === '--help' || a === '-h') {
      args[a.replace(/^-+/, '')] = true;
    } else if (a.startsWith('--') || a === '-o') {
      if (i + 1 >= argv.length) fail(`${a} needs a value\n${usage}`);
      args[a === '-o' ? 'output' : a.slice(2)] = argv[++i];
    } else {
      args._.push(a);
    }
  }
  return args;
}

const args = parse(process.argv.slice(2));
const command = args._.shift();
if (!command || args.help) {
  console.log(usage);
  process.exit(command ? 0 : 1);
}
const base = (args.url || process.env.LANDATLAS_URL || 'http://localhost:8080').replace(/\/$/, '');
const token = args.token || process.env.LANDATLAS_TOKEN;
if (!token) fail('an API token is needed: --token or LANDATLAS_TOKEN (make one in the map: 管理 → API 令牌)');
const auth = { Authorization: `Bearer ${token}` };

async function call(path, init = {}) {
  let r;
  try {
    r = await fetch(base + path, { ...init, headers: { ...auth, ...(init.headers || {}) } });
  } catch (e) {
    fail(`cannot reach ${base}: ${e.cause?.code || e.message} (is the service running? scripts/run.sh)`);
  }
  const text = await r.text();
  let body;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!r.ok) {
    const detail = body && typeof body === 'object' ? (body.detail || body.title || JSON.stringify(body)) : text;
    fail(`${r.status}: ${detail}`);
  }
  return body;
}

async function graphql(query, variables) {
  const body = await call('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  if (body.errors?.length) fail(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

function printJob(job) {
  console.log(`import ${job.id}: ${job.status} — ${job.fileName}, ${job.features ?? '?'} features, profile ${job.profile}, county ${job.countyCode}`);
  if (job.sourceCrs) console.log(`  read in ${job.sourceCrs}${job.encoding ? `, .dbf as ${job.encoding}` : ''}${job.gcj02 ? ', from GCJ-02' : ''}, scope ${job.scope}`);
  for (const c of job.report?.checks || []) {
    if (c.count === 0 && !c.error) continue;
    const mark = c.error ? 'ERROR' : c.blocking ? 'BLOCK' : 'warn ';
    console.log(`  ${mark} ${c.code} (${c.count}) ${c.title}${c.error ? ` — ${c.error}` : ''}`);
    for (const e of c.examples.slice(0, 5)) {
      console.log(`        row ${e.row_no ?? '-'} ${e.record_key ?? ''}: ${e.detail}`);
    }
  }
  if (job.result) console.log(`  added ${job.result.added}, changed ${job.result.changed}, removed ${job.result.removed}`);
}

if (command === 'import') {
  const file = args._[0];
  if (!file) fail(`import needs a FILE\n${usage}`);
  let size;
  try {
    size = statSync(file).size;
  } catch {
    fail(`no file ${file}`);
  }
  if (!args.profile || !args.county) fail('import needs --profile (e.g. dltb) and --county (6 digits)');
  const q = new URLSearchParams({ profile: args.profile, county: args.county, fileName: basename(file) });
  for (const k of ['crs', 'encoding', 'layer', 'scope', 'mapping', 'map']) if (args[k]) q.set(k, args[k]);
  if (args.gcj02) q.set('gcj02', 'true');
  process.stderr.write(`landatlas: uploading ${basename(file)} (${(size / 1048576).toFixed(1)} MB) to ${base}\n`);
  // Streamed from disk: a 2 GB file is never held in memory.
  const job = await call(`/exchange/imports?${q}`, {
    method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
    body: Readable.toWeb(createReadStream(file)), duplex: 'half',
  });
  printJob(job);
  if (job.status === 'rejected') process.exit(2);
  if (args.commit) printJob(await call(`/exchange/imports/${job.id}/commit`, { method: 'POST' }));
  else console.log(`  commit with: scripts/run.sh commit ${job.id}   (or cancel ${job.id})`);
} else if (command === 'commit' || command === 'cancel') {
  const id = args._[0];
  if (!/^\d+$/.test(id || '')) fail(`${command} needs an import job id`);
  printJob(await call(`/exchange/imports/${id}/${command}`, { method: 'POST' }));
} else if (command === 'imports') {
  if (!args.county) fail('imports needs --county');
  for (const job of await call(`/exchange/imports?county=${encodeURIComponent(args.county)}&limit=${encodeURIComponent(args.limit || '20')}`)) {
    console.log(`${job.id}\t${job.status}\t${job.profile}\t${job.features ?? ''}\t${job.createdAt}\t${job.createdBy}\t${job.fileName}`);
  }
} else if (command === 'export') {
  if (!args.county || !args.format || !args.output) fail('export needs --county, --format and -o FILE');
  let filter = { adminCode: args.county };
  if (args.filter) {
    try {
      filter = { ...JSON.parse(args.filter), adminCode: args.county };
    } catch (e) {
      fail(`--filter is not JSON: ${e.message}`);
    }
  }
  const data = await graphql('mutation ($filter: ParcelFilter, $format: ExportFormat!, $encoding: String) '
    + '{ exportParcels(filter: $filter, format: $format, shapefileEncoding: $encoding) { url rows } }',
  { filter, format: args.format.toUpperCase(), encoding: args.encoding || null });
  const r = await fetch(base + data.exportParcels.url, { headers: auth });
  if (!r.ok) fail(`download ${r.status}: ${await r.text()}`);
  await pipeline(Readable.fromWeb(r.body), createWriteStream(args.output));
  console.log(`exported ${data.exportParcels.rows} parcels to ${args.output} (${(statSync(args.output).size / 1048576).toFixed(1)} MB)`);
} else {
  fail(`unknown command '${command}'\n${usage}`);
}
