#!/usr/bin/env node
// Plain JS so that an old Node is refused before TypeScript loads (Node 24 strips types natively).
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(`rotate-keys needs Node 24 (found ${process.version}): run it as "npm run rotate-keys".`);
  process.exit(1);
}
await import("../src/keys/rotate-keys-main.ts");
