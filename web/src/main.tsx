import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { flashFromAddress } from './app/flash';
import { applyTheme, readTheme } from './app/theme';
import './styles.css';

applyTheme(readTheme());
flashFromAddress();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
