/**
 * Builds the officers' console (React, TypeScript) into dist/console/, served by the API server at
 * /console/ (src/http/routes/console). The console imports pure domain modules from ../src/domain
 * (assessment, vocabularies, SMS lengths) so the browser and the server apply the same rules.
 *
 * @example
 *   npm run build:console   # vite build --config console/vite.config.ts
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  // The console's build must not read the server's environment (no secrets in a bundle).
  envPrefix: 'TIFLI_CONSOLE_',
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1500,
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
