import { defineConfig } from 'vite';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// Maven runs `npm ci && npm run build` from web-map/; output goes straight into
// the Spring Boot static resources folder unless LANDATLAS_STATIC_OUT says otherwise.
const outDir = resolve(here, process.env.LANDATLAS_STATIC_OUT || '../target/classes/static');

export default defineConfig({
  root: here,
  // Absolute asset URLs (/assets/…) so pages work at /graphiql/ and /graphiql alike.
  base: '/',
  esbuild: { jsx: 'automatic' },
  resolve: {
    alias: {
      // @graphiql/toolkit lazily imports graphql-ws only when a subscriptionUrl is
      // given (we don't); stub it so the bundle never references a missing package.
      'graphql-ws': resolve(here, 'graphiql/graphql-ws-stub.js'),
    },
  },
  // The land-class groups are imported from ../gis-data, their one source; the dev server may serve it.
  server: { fs: { allow: [here, resolve(here, '../gis-data/land-class-groups.json')] } },
  worker: { format: 'es' },
  build: {
    outDir,
    // Never wipe the folder: it is shared with Maven's other static resources.
    emptyOutDir: false,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      onwarn(warning, warn) {
        // React libraries ship "use client" directives; harmless in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      // Multi-page build: add the Leaflet map as `map: resolve(here, 'index.html')`.
      input: {
        graphiql: resolve(here, 'graphiql/index.html'),
        map: resolve(here, 'index.html'),
      },
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
