import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

/**
 * GraphiQL for developers, bundled and served by the gateway outside production only (instead of
 * Apollo's Sandbox, which loads its code from the internet). Headers: paste a token from
 * `npm run token` and set X-Purpose-Of-Use in the headers tab.
 */
const fetcher = createGraphiQLFetcher({ url: '/graphql' });
const headers = JSON.stringify({ Authorization: 'Bearer <npm run --silent token -- --sub fjc-staff-2 --agency fjc --role CASE_MANAGER>', 'X-Purpose-Of-Use': 'CASE_MANAGEMENT' }, null, 2);

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL fetcher={fetcher} defaultHeaders={headers} defaultEditorToolsVisibility="headers" defaultQuery={'{\n  client(id: "FJC-000002") {\n    id\n    displayName\n    agencyLinks { agency capacity since }\n  }\n}\n'} />,
);
