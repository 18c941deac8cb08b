// Reads a PostgreSQL server log written with log_min_duration_statement = 0 and prints, one JSON object per line,
// every extended-protocol `execute` whose statement matches PATTERN: {"sql": "... $1 ...", "params": ["v1", …]}.
// The parameters are the text PostgreSQL logged for the bound values (NULL as null), so a baseline can run the
// very statement a service sent, with the very values, instead of a hand-written copy of it.
// Usage: node bench/captured-sql.mjs LOGFILE PATTERN
import { readFileSync } from 'node:fs';

const [file, pattern] = process.argv.slice(2);
if (!file || !pattern) {
  console.error('usage: node bench/captured-sql.mjs LOGFILE PATTERN');
  process.exit(2);
}
const wanted = new RegExp(pattern);
// An entry starts with the log_line_prefix ("%m [%p] ": timestamp, zone, [pid]); other lines continue the entry.
const start = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] ([A-Z]+):  (.*)$/;
const entries = [];
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const m = start.exec(line);
  if (m) {
    entries.push({ pid: m[1], level: m[2], text: m[3] });
  } else if (entries.length > 0 && line !== '') {
    entries[entries.length - 1].text += '\n' + line;
  }
}
const execute = /^duration: [0-9.]+ ms {2}execute [^:]+: ([\s\S]*)$/;
const parameter = /\$(\d+) = (NULL|'((?:[^']|'')*)')/g;
for (let i = 0; i < entries.length; i++) {
  const e = entries[i];
  if (e.level !== 'LOG') continue;
  const m = execute.exec(e.text);
  if (!m || !wanted.test(m[1])) continue;
  const params = [];
  // The parameters follow as a DETAIL entry of the same backend.
  const detail = entries.slice(i + 1).find(d => d.pid === e.pid);
  if (detail && detail.level === 'DETAIL' && /^parameters: /i.test(detail.text)) {
    for (const p of detail.text.matchAll(parameter)) {
      params[Number(p[1]) - 1] = p[2] === 'NULL' ? null : p[3].replaceAll("''", "'");
    }
  }
  const used = [...m[1].matchAll(/\$(\d+)/g)].reduce((n, p) => Math.max(n, Number(p[1])), 0);
  if (params.length !== used || params.includes(undefined)) {
    console.error(`captured-sql: statement with ${used} parameters logged with ${params.length}: ${m[1].slice(0, 200)}`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify({ sql: m[1], params }) + '\n');
}
