#!/usr/bin/env node
// Plain JS so that an old Node is refused before TypeScript loads (Node 24 strips types natively).
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(
    `the hospital's system needs Node 24 (found ${process.version}): run it through npm ("npm start"), which uses the Node 24 pinned in node_modules/.bin.`,
  );
  process.exit(1);
}
await import("../src/main.ts");
