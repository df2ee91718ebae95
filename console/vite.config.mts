import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console's build: two pages (the console, and GraphiQL for developers, which the gateway
 * serves outside production only), no inline script or style (the gateway's CSP forbids both),
 * and the agencies' cards read from subgraphs/<agency>/console at build time.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', development: false } },
  server: { fs: { allow: [path.resolve(here, '..')] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // A stylesheet or script below this size would otherwise be inlined as a data: URL or <style>.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    // GraphiQL (development only) is one large page of its own; the console's own bundle is measured by npm run bench.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // GraphiQL's dependencies mark modules "use client" (for React Server Components): meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: { main: path.resolve(here, 'index.html'), graphiql: path.resolve(here, 'graphiql.html') },
    },
  },
});
