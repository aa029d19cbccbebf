// Entry point: the GraphQL client, the French catalogue, the application.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider as GraphQLProvider } from 'urql';
import { App } from './App';
import { createGraphQLClient } from './graphql/client';
import { MessagesProvider } from './i18n';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <GraphQLProvider value={createGraphQLClient()}>
      <MessagesProvider language="fr">
        <App />
      </MessagesProvider>
    </GraphQLProvider>
  </StrictMode>,
);
