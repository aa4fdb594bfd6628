#!/usr/bin/env node
// Plain JS so that an old Node is refused before TypeScript loads. The administrator console renders hono/jsx,
// which Node's type stripping cannot run, so tsx's loader is registered first (as the operator console does).
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(
    `pf-server needs Node 24 (found ${process.version}): run it through npm ("npm start"), which uses the Node 24 pinned in node_modules/.bin.`,
  );
  process.exit(1);
}
const { register } = await import("tsx/esm/api");
register();
await import("../src/main.ts");
