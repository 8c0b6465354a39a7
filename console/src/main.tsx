/** The officers' console: mounts the app, with its fonts (Arabic, Latin, Tifinagh) bundled for offline use. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans-arabic/arabic-400.css';
import '@fontsource/noto-sans-arabic/arabic-700.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans-tifinagh/tifinagh-400.css';
import './styles.css';
import { App } from './app/App.tsx';
import { sweepDrafts } from './drafts/drafts.ts';

sweepDrafts();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
