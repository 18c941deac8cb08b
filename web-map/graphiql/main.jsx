import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { DEFAULT_QUERY, DEFAULT_TABS } from './examples.js';

// A session signed in on the map needs its CSRF token on every POST: the XSRF-TOKEN cookie, echoed in a header.
// (API tokens typed into the headers editor need none; the header is harmless for them.)
function csrfFetch(input, init = {}) {
  const headers = new Headers(init.headers || {});
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  if (m) headers.set('X-XSRF-TOKEN', decodeURIComponent(m[1]));
  return fetch(input, { ...init, headers, credentials: 'same-origin' });
}

// Same-origin endpoint served by the Spring Boot app (Spring for GraphQL).
const fetcher = createGraphiQLFetcher({ url: '/graphql', fetch: csrfFetch });
const explorer = explorerPlugin();

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[explorer]}
      defaultQuery={DEFAULT_QUERY}
      defaultTabs={DEFAULT_TABS}
      defaultEditorToolsVisibility={false}
    >
      <GraphiQL.Logo>
        <span title="LandAtlas GraphQL API">LandAtlas GraphiQL · 土地数据查询</span>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById('graphiql')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
