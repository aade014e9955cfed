import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initTransport } from './api/client';
import { App } from './app/App';
import { I18nProvider } from './i18n';
import './styles.css';

initTransport();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
