import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const apiTarget = process.env.ATELIER_API_URL ?? 'http://127.0.0.1:8080';

// Dev mode (`npm run dev -w web`) proxies API calls to a running server so cookies stay same-origin.
export default defineConfig({
  root: import.meta.dirname,
  // Workspace packages (@atelier/common) are bundled from their TypeScript source.
  resolve: { conditions: ['atelier-source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/privacy': { target: apiTarget },
      '/healthz': { target: apiTarget },
      '/s/': { target: apiTarget },
    },
  },
  test: {
    name: 'web',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
  },
});
