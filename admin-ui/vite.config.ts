// Vite: React, build to dist (served by the gateway), and /graphql, /auth and /uploads proxied to a local gateway in development.
import { fileURLToPath } from 'node:url';
// The build also writes .vite/chunks.json: each chunk with the npm packages in it, so that scripts/bundle-size.mjs can
// say which libraries the first download holds (the chart library and the XLSX writer must load on demand).
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

function chunkPackages(): Plugin {
  return {
    name: 'ess-chunk-packages',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle)
        .filter((output) => output.type === 'chunk')
        .map((chunk) => {
          const packages = new Set<string>();
          for (const id of Object.keys(chunk.modules)) {
            const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id.replace(/\\/g, '/'));
            if (match) packages.add(match[1]!);
          }
          return { file: chunk.fileName, isEntry: chunk.isEntry, isDynamicEntry: chunk.isDynamicEntry, packages: [...packages].sort() };
        });
      this.emitFile({ type: 'asset', fileName: '.vite/chunks.json', source: JSON.stringify(chunks, null, 2) });
    },
  };
}

export default defineConfig({
  plugins: [react(), chunkPackages()],
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
