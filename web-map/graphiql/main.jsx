import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { DEFAULT_QUERY, DEFAULT_TABS } from './examples.js';

// Same-origin endpoint served by the Spring Boot app (Spring for GraphQL).
const fetcher = createGraphiQLFetcher({ url: '/graphql' });
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
