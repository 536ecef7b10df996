/**
 * Entry: decide the transport once, build the store around it, render.
 */
// Base styles first: feature stylesheets that components import must come after them.
import './app/base.css';
import './app/app.css';
import './app/print.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectDesk } from './api/connect-desk.ts';
import { App } from './app/app.tsx';
import { NoTokenScreen } from './app/no-token-screen.tsx';
import { locale, t } from './i18n/i18n.ts';
import { bindDeskEvents, createDeskStore } from './store/desk-store.ts';
import { DeskStoreProvider } from './store/store-context.tsx';

document.documentElement.lang = locale();
document.title = t('app.name');

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

const outcome = connectDesk();
if (outcome.kind === 'no-token') {
  root.render(
    <StrictMode>
      <NoTokenScreen />
    </StrictMode>,
  );
} else {
  const { api, monitor } = outcome.connection;
  const store = createDeskStore(api, monitor);
  // Bound outside React so StrictMode's double effects cannot subscribe twice.
  bindDeskEvents(api, monitor, store);
  root.render(
    <StrictMode>
      <DeskStoreProvider store={store}>
        <App />
      </DeskStoreProvider>
    </StrictMode>,
  );
}
