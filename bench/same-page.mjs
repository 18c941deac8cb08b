// Compares a GraphQL connection page (edges { node { … } }) with the rows of the SQL statement behind it, as
// psql --csv printed them: the same number of rows, in the same order, and for every field of every node the same
// value (a column is labelled by the field, or field@alias for geometries; GeoJSON is compared as parsed JSON,
// numbers as numbers). Extra columns of the statement are ignored. Exits 1 and says where they differ.
// Usage: node bench/same-page.mjs ANSWER.json ROWS.csv [FIELD]   (FIELD: the connection's name, default parcels)
import { readFileSync } from 'node:fs';

const [answerFile, rowsFile, field = 'parcels'] = process.argv.slice(2);
const answer = JSON.parse(readFileSync(answerFile, 'utf8'));
if (answer.errors) fail(`the answer has errors: ${JSON.stringify(answer.errors).slice(0, 300)}`);
const nodes = answer.data[field].edges.map(e => e.node);
const rows = csv(readFileSync(rowsFile, 'utf8'));
const header = rows.shift();
// The statement fetches one row more than the page to tell whether more follow.
const limit = nodes.length;
if (rows.length !== nodes.length && !(rows.length === nodes.length + 1 && answer.data[field].pageInfo?.hasNextPage)) {
  fail(`${nodes.length} nodes but ${rows.length} rows`);
}
for (let i = 0; i < limit; i++) {
  for (const [key, value] of Object.entries(nodes[i])) {
    let c = header.indexOf(key);
    if (c < 0) c = header.findIndex(h => h.endsWith('@' + key));
    if (c < 0) fail(`no column for field ${key} (columns: ${header.join(', ')})`);
    const raw = rows[i][c];
    if (!same(value, raw)) fail(`row ${i + 1}, field ${key}: answer ${JSON.stringify(value).slice(0, 200)} vs row ${String(raw).slice(0, 200)}`);
  }
}
process.stdout.write(`same ${nodes.length}\n`);

function same(value, raw) {
  if (value === null) return raw === null;
  if (raw === null) return false;
  if (typeof value === 'number') return Number(raw) === value;
  if (typeof value === 'boolean') return (raw === 't' || raw === 'true') === value;
  if (typeof value === 'object') return JSON.stringify(value) === JSON.stringify(JSON.parse(raw));
  return String(value) === raw;
}

function fail(message) {
  console.error(`same-page: ${message}`);
  process.exit(1);
}

// RFC 4180 as psql --csv writes it: an empty unquoted field is NULL.
function csv(text) {
  const out = [];
  let row = [], i = 0;
  while (i < text.length) {
    let value;
    if (text[i] === '"') {
      let j = i + 1, s = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) fail('unterminated quoted CSV field');
        s += text.slice(j, q);
        if (text[q + 1] === '"') { s += '"'; j = q + 2; } else { j = q + 1; break; }
      }
      value = s;
      i = j;
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\n') j++;
      value = j === i ? null : text.slice(i, j);
      i = j;
    }
    row.push(value);
    if (text[i] === ',') { i++; if (i === text.length || text[i] === '\n') row.push(null); }
    if (i >= text.length || text[i] === '\n') { out.push(row); row = []; i++; }
  }
  return out;
}
