// Vite: React, build to dist (served by the gateway), and /graphql, /auth and /uploads proxied to a local gateway in development.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The kit's identifier rules are pure TypeScript: the SPA bundles the source (the kit's package is Node code).
    alias: { '@ess/kit/identifiers': fileURLToPath(new URL('../services/kit/src/identifiers.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/graphql': 'http://127.0.0.1:4000',
      '/auth': 'http://127.0.0.1:4000',
      '/uploads': 'http://127.0.0.1:4000',
    },
  },
});
