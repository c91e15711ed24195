import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

const sdk = fileURLToPath(new URL('../OrleansVm.Client.TypeScript/src/index.ts', import.meta.url));

// The SDK is compiled from its TypeScript source (no need to build it first).
// `npm run dev` proxies /api and /dashboard to a silo (ORLEANSVM_URL, default http://127.0.0.1:5080).
const silo = process.env['ORLEANSVM_URL'] ?? 'http://127.0.0.1:5080';

export default defineConfig({
  base: './',
  plugins: [preact()],
  resolve: { alias: { '@orleansvm/client': sdk } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: {
    proxy: {
      '/api': { target: silo, changeOrigin: true },
      '/dashboard': { target: silo, changeOrigin: true },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.{ts,tsx}'],
    // the controller's timers are real; a loaded box needs room
    testTimeout: 30_000,
  },
});
