#!/usr/bin/env node
// Plain JS so that an old Node is refused before TypeScript loads (Node 24 strips types natively).
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(
    `card-vpcd needs Node 24 (found ${process.version}): run it with the Node 24 pinned in node_modules/.bin (export PATH=$PWD/node_modules/.bin:$PATH from the repository root).`,
  );
  process.exit(1);
}
await import("../src/card/vpcd/main.ts");
