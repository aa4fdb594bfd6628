/**
 * @module Entry of the `tv` service of `npm start` (see e2e/README.md): reads the environment and listens.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createTvServer } from "./tv-server.ts";

const distDir = resolve(import.meta.dirname, "..", "..", "dist");
const port = Number(process.env.TV_PORT ?? 7060);
const dataDir = resolve(process.env.CATV_DATA_DIR ?? ".data");
const pfUrl = process.env.PF_URL ?? "http://127.0.0.1:7000";

if (!existsSync(join(distDir, "index.html"))) {
  console.error(`No production build in ${distDir}: run "npm run build" in stb-app first.`);
  process.exit(1);
}

const server = createTvServer({ distDir, bridgeBootPath: join(dataDir, "bridge-boot.json"), pfUrl });
server.listen(port, "127.0.0.1", () => {
  console.log(JSON.stringify({ level: "info", msg: "listening", service: "tv", port, pfUrl }));
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
