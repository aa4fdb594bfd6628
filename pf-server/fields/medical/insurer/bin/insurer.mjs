#!/usr/bin/env node
// Plain JS so that an old Node is refused before TypeScript loads. The staff pages render hono/jsx, which Node's
// type stripping cannot run, so tsx's loader is registered first.
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(
    `medical-insurer needs Node 24 (found ${process.version}): run it through npm ("npm start"), which uses the Node 24 pinned in node_modules/.bin.`,
  );
  process.exit(1);
}
const { register } = await import("tsx/esm/api");
// The package's own tsconfig (hono/jsx as the JSX runtime), whatever the working directory.
register({ tsconfig: new URL("../tsconfig.json", import.meta.url).pathname });
await import("../src/main.tsx");
