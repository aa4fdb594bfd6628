#!/usr/bin/env node
// Entry point of `npm start`. Plain JS so that it can refuse an old Node before any TypeScript loads
// (Node 24 strips TypeScript types natively; Node 20 cannot even parse the sources).
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(
    `This system needs Node 24 (found ${process.version}): run "npm install && npm start", which uses the Node 24 pinned in node_modules/.bin.`,
  );
  process.exit(1);
}
// The Debian packages the running system uses (not the tests' Chromium): installed as root, else named.
const { ensureSystemPackages } = await import("../../.ci/ensure-system-packages.mjs");
if (!ensureSystemPackages("start")) process.exit(1);
await import("./start-system-cli.ts");
