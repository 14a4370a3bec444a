import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Everything is bundled into dist/: the page loads nothing from the internet at run time.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  // `npm run dev` proxies the API to a running `louzhi serve` on the default port.
  server: { proxy: { "/graphql": "http://127.0.0.1:8000", "/export": "http://127.0.0.1:8000" } },
});
