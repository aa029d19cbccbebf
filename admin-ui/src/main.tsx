// Entry point: the French catalogue, the session, the application (which owns the GraphQL client of the session).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { SessionProvider } from './auth/SessionProvider';
import { MessagesProvider } from './i18n';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <MessagesProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </MessagesProvider>
  </StrictMode>,
);
