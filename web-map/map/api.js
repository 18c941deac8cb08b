// GraphQL client: one POST per query, errors become exceptions carrying the API's message and code.
// Signed-in sessions need the CSRF token on every POST (double-submit cookie): it is read from the XSRF-TOKEN
// cookie at send time, else the token the last GET /auth/session gave; a POST refused for its CSRF token
// fetches a fresh one and is sent once more. rest(), upload() and fetchFile() do the same for the exchange
// endpoints outside GraphQL (imports, export downloads), whose errors are RFC 9457 problem details.
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

/** An error body outside GraphQL (RFC 9457 problem details: detail, which names the argument, and code) as GraphQL-style errors, or null. */
const problemErrors = (body) => (body?.detail ? [{ message: body.detail, extensions: { code: body.code, argument: body.argument } }] : null);

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

function raise(err) {
  errorListeners.forEach((fn) => fn(err));
  throw err;
}
const csrfHeaders = () => {
  const token = csrfToken();
  return token ? { [csrf.header]: token } : {};
};

/** A JSON call outside GraphQL (GET, or a POST without a body); a problem+json answer becomes an ApiError with its detail. */
export async function rest(url, { method = 'GET', signal } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = { accept: 'application/json', ...(method === 'GET' ? {} : csrfHeaders()) };
    let res;
    try {
      res = await fetch(url, { method, credentials: 'same-origin', headers, signal, cache: 'no-store' });
    } catch (err) {
      throw networkError(err);
    }
    const body = await res.json().catch(() => null);
    if (attempt === 0 && isCsrfRefusal(res, body)) {
      await fetchSession().catch(() => null);
      continue;
    }
    if (!res.ok || body == null) raise(new ApiError(problemErrors(body), res.status));
    return body;
  }
}

/**
 * POSTs a file as application/octet-stream by XMLHttpRequest, because fetch reports no upload progress:
 * onProgress(sentBytes, totalBytes) on every upload progress event and once more when the body is sent;
 * onSent() when the server has it all and is working on it. Resolves with the JSON answer.
 */
export function upload(url, blob, { onProgress, onSent, signal } = {}) {
  const once = () => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(csrfHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : blob.size);
    xhr.upload.onload = () => { onProgress?.(blob.size, blob.size); onSent?.(); };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(networkError(new Error(t('err.upload'))));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(blob);
  });
  return (async () => {
    for (let attempt = 0; ; attempt++) {
      const { status, body } = await once();
      if (attempt === 0 && status === 403 && /csrf/i.test(body?.detail || '')) {
        await fetchSession().catch(() => null);
        continue;
      }
      if (status < 200 || status >= 300 || body == null) raise(new ApiError(problemErrors(body), status));
      return body;
    }
  })();
}

/** GETs a file with the session's credentials: { blob, name } (the name from Content-Disposition); onProgress(bytes). */
export async function fetchFile(url, { signal, onProgress } = {}) {
  let res;
  try {
    res = await fetch(url, { credentials: 'same-origin', signal, cache: 'no-store' });
  } catch (err) {
    throw networkError(err);
  }
  if (!res.ok) raise(new ApiError(problemErrors(await res.json().catch(() => null)), res.status));
  const name = /filename="?([^";]+)"?/i.exec(res.headers.get('content-disposition') || '')?.[1] || url.split('/').pop();
  const type = res.headers.get('content-type') || 'application/octet-stream';
  const reader = res.body.getReader();
  const parts = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.length;
    onProgress?.(bytes);
  }
  return { blob: new Blob(parts, { type }), name };
}
