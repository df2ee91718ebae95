import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { completeInPopup } from './auth/oidc';
import { loadConfig } from './config';
import { I18nProvider } from './i18n/i18n';
import './styles.css';

/** The console's entry: a pop-up returning from the identity provider hands its answer over and closes. */
async function main(): Promise<void> {
  if (completeInPopup()) return;
  const config = await loadConfig();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider>
        <App config={config} />
      </I18nProvider>
    </StrictMode>,
  );
}

void main();
