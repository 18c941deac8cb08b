// GraphQL client: one POST per query, errors become exceptions carrying the API's message and code.
import { loadingStart, loadingEnd } from './ui.js';
import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(errors, status) {
    const e = errors?.[0] || {};
    const code = e.extensions?.code || (status ? `HTTP ${status}` : 'ERROR');
    super(e.message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.code = code;
    this.errors = errors;
    this.display = `${code}: ${this.message}`;
  }
}

export async function gql(query, variables = {}, { signal } = {}) {
  loadingStart();
  try {
    let res;
    try {
      res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, variables }),
        signal,
      });
    } catch (err) {
      if (err.name === 'AbortError') throw err;
      const e = new Error(t('err.network', { msg: err.message }));
      e.display = e.message;
      throw e;
    }
    const body = await res.json().catch(() => null);
    if (body?.errors?.length) throw new ApiError(body.errors, res.status);
    if (!res.ok || !body) throw new ApiError(null, res.status);
    return body.data;
  } finally {
    loadingEnd();
  }
}
