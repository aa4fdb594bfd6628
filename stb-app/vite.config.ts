import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    target: "es2022",
    // Lightning derives state names from class names: mangling them breaks focus and Router states.
    rolldownOptions: { output: { keepNames: true } },
  },
  server: { host: "127.0.0.1" },
});
