import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

import { connectSources, contentSecurityPolicy, cspPlugin } from './scripts/csp.ts';

// The built app's Content-Security-Policy (scripts/csp.ts, docs/hosting.md); extra live-source origins at build time.
const extraConnect = connectSources(process.env.PATHLIGHT_CONNECT_SRC);

export default defineConfig({
  plugins: [react(), tailwindcss(), cspPlugin(extraConnect)],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { 'Content-Security-Policy': contentSecurityPolicy(extraConnect) } },
  build: { chunkSizeWarningLimit: 1500 },
});
