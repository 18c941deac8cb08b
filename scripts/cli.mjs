#!/usr/bin/env node
// LandAtlas on the command line, for scripted loads and exports: talks to a running service with an API token.
// Run through the README's launcher: scripts/run.sh import|export|imports|commit|cancel … (Node 20's fetch only,
// no packages, so it runs wherever the web map builds).
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// Every layer's export: the name on the command line → its GraphQL mutation (beside the layer's list query), how its
// filter travels — one input object of the list query's own type (`input`), or the list query's own arguments with
// their GraphQL types (`args`) — and the argument --county sets. ImportCliTest checks this table against the schema.
const LAYERS = {
  parcels: { mutation: 'exportParcels', input: 'ParcelFilter', county: 'adminCode', what: '地类图斑 land-survey parcels (DLTB field names)' },
  listings: { mutation: 'exportListings', input: 'ListingFilter', county: 'adminCode', what: '流转挂牌 circulation listings' },
  contracts: { mutation: 'exportContracts', input: 'ContractFilter', county: 'adminCode', what: '流转合同 circulation contracts (personal data masked per account)' },
  'idle-facilities': { mutation: 'exportIdleFacilities', args: { adminCode: 'String', bbox: '[Float!]', statuses: '[String!]', kinds: '[String!]' }, county: 'adminCode', what: '闲置设施 idle facilities' },
  homesteads: { mutation: 'exportHomesteads', input: 'HomesteadFilter', county: 'adminCode', what: '宅基地 homesteads (household masked per account)' },
  'pv-sites': { mutation: 'exportPvSites', input: 'PvSiteFilter', county: 'adminCode', what: '光伏点位 household PV sites' },
  transformers: { mutation: 'exportDistributionTransformers', args: { adminCode: 'String', bbox: '[Float!]', withOpenCapacityKw: 'Float' }, county: 'adminCode', what: '台区变压器 distribution transformers' },
  'high-standard-farmland': { mutation: 'exportHighStandardFarmland', input: 'HighStandardFarmlandFilter', county: 'adminCode', what: '高标准农田 high-standard farmland projects' },
  'protection-zones': { mutation: 'exportProtectionZones', input: 'ProtectionZoneFilter', county: 'countyCode', what: '保护区 protection zones' },
  'admin-units': { mutation: 'exportAdminUnits', args: { parentCode: 'String', level: 'AdminLevel', nameContains: 'String', bbox: '[Float!]' }, county: 'parentCode', what: '行政区 administrative boundaries (--county: its townships and villages; level narrows)' },
  roads: { mutation: 'exportRoads', args: { countyCode: 'String', bbox: '[Float!]', classes: '[RoadClass!]' }, county: 'countyCode', what: '道路 roads' },
  settlements: { mutation: 'exportSettlements', args: { countyCode: 'String', nameContains: 'String' }, county: 'countyCode', what: '居民点 settlements' },
  pois: { mutation: 'exportPointsOfInterest', args: { countyCode: 'String', bbox: '[Float!]', kinds: '[String!]', near: 'NearInput' }, county: 'countyCode', what: '兴趣点 points of interest' },
  belts: { mutation: 'exportBelts', args: { countyCode: 'String', bbox: '[Float!]' }, county: 'countyCode', what: '产业带 altitude belts' },
  'land-search': { mutation: 'exportLandSearch', args: { county: 'String!', criteria: 'LandSearchInput', limit: 'Int' }, county: 'county', what: '找地 contiguous clusters of land on offer (criteria as in landSearch)' },
};
const FORMATS = ['GPKG', 'SHAPEFILE', 'GEOJSON', 'CSV', 'FLATGEOBUF'];
const filterOf = (l) => (l.input ? `a ${l.input} object` : `fields ${Object.keys(l.args).join(', ')}`);
const layerList = Object.entries(LAYERS).map(([name, l]) => `    ${name.padEnd(23)} ${l.what}\n${''.padEnd(28)}${l.mutation}; --filter: ${filterOf(l)}`).join('\n');

const usage = `usage: scripts/run.sh COMMAND [options]

  import FILE --profile P --county C [--crs EPSG:n] [--encoding GBK] [--layer L] [--scope county|villages|add]
              [--mapping NAME | --map field:source,…] [--gcj02] [--option name=value,…] [--commit]
      Uploads FILE (a zipped Shapefile, GeoPackage, GeoJSON, KML, CSV …), prints the validation report and,
      with --commit, commits it when nothing blocks. Exit 0 when checked (or committed), 2 when rejected.
      --option sets a profile's own options, e.g. --option classSystem=GBT_21010_2017 (dltb: the classification
      DLBM is checked against, SANDIAO = 三调工作分类 by default); GET /exchange/profiles lists them.
  imports --county C [--limit N]      the county's import jobs, newest first
  commit ID | cancel ID               commits or cancels a checked import
  export LAYER --format GPKG|SHAPEFILE|GEOJSON|CSV|FLATGEOBUF [--county C] [--filter JSON] [--encoding GBK|UTF-8] -o FILE
      Exports LAYER's rows to FILE, written by the service with GDAL. --filter is JSON of the filter the layer's
      GraphQL list query takes (the same input type, or its arguments), e.g. '{"statuses": ["CONNECTED"]}';
      --county sets the layer's county field. What each account may see and personal-data masking apply.
      Layers:
${layerList}

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
  process.exit(command || args.help ? 0 : 1);
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
  for (const pair of (args.option || '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq < 1) fail(`--option takes name=value (e.g. classSystem=GBT_21010_2017), got '${pair}'`);
    q.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
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
  const name = args._[0];
  const layer = LAYERS[name];
  if (!name) fail(`export needs a LAYER: ${Object.keys(LAYERS).join(', ')} (scripts/run.sh help)`);
  if (!layer) fail(`unknown layer '${name}'; the layers are ${Object.keys(LAYERS).join(', ')}`);
  if (!args.format || !args.output) fail('export needs --format and -o FILE');
  const format = args.format.toUpperCase();
  if (!FORMATS.includes(format)) fail(`--format: '${args.format}' is not one of ${FORMATS.join(', ')}`);
  let filter = {};
  if (args.filter) {
    try {
      filter = JSON.parse(args.filter);
    } catch (e) {
      fail(`--filter is not JSON: ${e.message}`);
    }
    if (!filter || typeof filter !== 'object' || Array.isArray(filter)) fail(`--filter must be a JSON object (${filterOf(layer)}), got ${args.filter}`);
  }
  if (args.county) {
    if (filter[layer.county] != null && filter[layer.county] !== args.county) {
      fail(`--county ${args.county} and --filter's ${layer.county} ${filter[layer.county]} disagree; give one`);
    }
    filter[layer.county] = args.county;
  }
  const variables = { format, encoding: args.encoding || null };
  let decl = '$format: ExportFormat!, $encoding: String';
  let pass = 'format: $format, shapefileEncoding: $encoding';
  if (layer.input) {
    // The filter object goes as it is: the service checks it as it checks the list query's (unknown fields included).
    decl += `, $filter: ${layer.input}`;
    pass = `filter: $filter, ${pass}`;
    variables.filter = filter;
  } else {
    for (const [k, v] of Object.entries(filter)) {
      const type = layer.args[k];
      if (!type) fail(`--filter: '${k}' is not a filter field of layer ${name}; its fields are ${Object.keys(layer.args).join(', ')}`);
      decl += `, $${k}: ${type}`;
      pass = `${k}: $${k}, ${pass}`;
      variables[k] = v;
    }
  }
  const body = await call('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: `mutation (${decl}) { x: ${layer.mutation}(${pass}) { url rows } }`, variables }) });
  if (body.errors?.length) {
    // GraphQL words a bad variable its own way ("Variable 'classes' has an invalid value …", "The variables input
    // contains a field name 'x' that is not defined for input object type 'PvSiteFilter'"); say it of --filter.
    const ofFilter = (e) => /Variable '(?!format'|encoding')/.test(e.message) || (layer.input && e.message.includes(`'${layer.input}'`))
      || (e.extensions?.argument || '').startsWith('filter') || (!layer.input && Object.keys(layer.args).includes(e.extensions?.argument));
    fail(body.errors.map((e) => (ofFilter(e) ? `--filter: ${e.message}` : e.message)).join('; '));
  }
  const x = body.data.x;
  const r = await fetch(base + x.url, { headers: auth });
  if (!r.ok) fail(`download ${r.status}: ${await r.text()}`);
  await pipeline(Readable.fromWeb(r.body), createWriteStream(args.output));
  console.log(`exported ${x.rows} ${name} to ${args.output} (${(statSync(args.output).size / 1048576).toFixed(1)} MB)`);
} else {
  fail(`unknown command '${command}'\n${usage}`);
}
