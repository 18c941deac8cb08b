#!/usr/bin/env node
// GraphQL-over-HTTP conformance audit (https://graphql.github.io/graphql-over-http/)
// using graphql-http's auditServer.
//
// Usage: node scripts/graphql-http-audit.mjs http://127.0.0.1:PORT/graphql
//   or:  npm run audit:graphql -- http://127.0.0.1:PORT/graphql
//
// Prints every non-ok audit as `status<TAB>id<TAB>name<TAB>reason`, then
// `N passed, M failed` (passed = ok + notice + warn, failed = error, i.e. MUST-level).
// Exit code: 0 when no MUST-level audit errors, 1 otherwise, 2 on usage/connection problems.
import { auditServer } from 'graphql-http';

const url = process.argv[2] || process.env.LANDATLAS_GRAPHQL_URL;
if (!url) {
  console.error('usage: node scripts/graphql-http-audit.mjs http://127.0.0.1:PORT/graphql');
  process.exit(2);
}

let results;
try {
  results = await auditServer({ url });
} catch (err) {
  console.error(`audit aborted: ${err?.stack || err}`);
  process.exit(2);
}

const oneLine = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
let passed = 0;
let failed = 0;
for (const r of results) {
  if (r.status === 'error') failed++;
  else passed++;
  if (r.status !== 'ok') {
    console.log([r.status, r.id, oneLine(r.name), oneLine(r.reason)].join('\t'));
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
