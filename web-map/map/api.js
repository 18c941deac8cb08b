// GraphQL client: one POST per query, errors become exceptions carrying the API's message and code.
// Signed-in sessions need the CSRF token on every POST (double-submit cookie): it is read from the XSRF-TOKEN
// cookie at send time, else the token the last GET /auth/session gave; a POST refused for its CSRF token
// fetches a fresh one and is sent once more.
import { loadingStart, loadingEnd } from './ui.js';
import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(errors, status) {
    const e = errors?.[0] || {};
    const code = e.extensions?.code || (status ? `HTTP ${status}` : 'ERROR');
    super(e.message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.errors = errors;
    this.display = `${code}: ${this.message}`;
  }
}

const csrf = { header: 'X-XSRF-TOKEN', token: null };
const errorListeners = new Set();

/** Remembers the CSRF header and token of a GET /auth/session answer. */
export function setCsrf(header, token) {
  if (header) csrf.header = header;
  csrf.token = token || null;
}
function csrfToken() {
  const m = /(?:^|;\s*)XSRF-TOKEN=([^;]*)/.exec(document.cookie);
  return (m && decodeURIComponent(m[1])) || csrf.token;
}
/** Called with every ApiError of gql() (the session module re-checks the sign-in on FORBIDDEN). */
export function onApiError(fn) { errorListeners.add(fn); }

/** An error body outside GraphQL (RFC 9457 problem details: detail, code) as GraphQL-style errors, or null. */
const problemErrors = (body) => (body?.detail ? [{ message: body.detail, extensions: { code: body.code } }] : null);

function networkError(err) {
  if (err.name === 'AbortError') return err;
  const e = new Error(t('err.network', { msg: err.message }));
  e.display = e.message;
  e.code = 'NETWORK';
  return e;
}

/** GET /auth/session: the viewer and a CSRF token (also set as the XSRF-TOKEN cookie). */
export async function fetchSession() {
  let res;
  try {
    res = await fetch('/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch (err) {
    throw networkError(err);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok || !body) throw new ApiError(problemErrors(body), res.status);
  setCsrf(body.csrfHeader, body.csrfToken);
  return body;
}

const isCsrfRefusal = (res, body) => res.status === 403 && /csrf/i.test(body?.detail || '');

/** POST with JSON and the CSRF header; retried once with a fresh token when the server refuses the token. */
export async function post(url, payload, { signal, accept = 'application/json' } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { 'content-type': 'application/json', accept };
    const token = csrfToken();
    if (token) headers[csrf.header] = token;
    let res;
    try {
      res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(payload), signal });
    } catch (err) {
      throw networkError(err);
    }
    const body = await res.json().catch(() => null);
    if (attempt === 0 && isCsrfRefusal(res, body)) {
      await fetchSession().catch(() => null);
      continue;
    }
    return { res, body };
  }
}

export async function gql(query, variables = {}, { signal } = {}) {
  loadingStart();
  try {
    const { res, body } = await post('/graphql', { query, variables }, { signal, accept: 'application/graphql-response+json, application/json' });
    let err = null;
    if (body?.errors?.length) err = new ApiError(body.errors, res.status);
    // Errors outside GraphQL (CSRF, rate limits) come as problem details.
    else if (!res.ok || !body) err = new ApiError(problemErrors(body), res.status);
    if (err) {
      errorListeners.forEach((fn) => fn(err));
      throw err;
    }
    return body.data;
  } finally {
    loadingEnd();
  }
}
