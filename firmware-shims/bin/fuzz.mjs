#!/usr/bin/env node
// Plain JS so that an old Node is refused before TypeScript loads (Node 24 strips types natively).
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(`the fuzzer needs Node 24 (found ${process.version}): run it with "npm run fuzz".`);
  process.exit(1);
}
await import("../src/ccid/fuzz-main.ts");
