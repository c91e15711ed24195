import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const sdk = fileURLToPath(new URL('../OrleansVm.Client.TypeScript/src/index.ts', import.meta.url));

// The SDK is compiled from its TypeScript source (no need to build it first).
// `npm run dev` proxies /api to a silo (ORLEANSVM_URL, default http://127.0.0.1:5080).
export default defineConfig({
  base: './',
  resolve: { alias: { '@orleansvm/client': sdk } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: {
    proxy: { '/api': { target: process.env['ORLEANSVM_URL'] ?? 'http://127.0.0.1:5080', changeOrigin: true } },
  },
});
