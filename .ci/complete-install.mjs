#!/usr/bin/env node
// The root `postinstall`. On a fresh Debian bookworm, `npm install` is Debian's npm 9 running on Node 18: it
// installs the pinned Node 24 (the `node` devDependency) and npm 11 (the `npm` devDependency), but it skips every
// optional package whose `engines` exclude Node 18 — rolldown's native binding among them, without which the TV
// app's production build fails. When the install ran on an older Node, this runs the pinned npm on the pinned
// Node once more, which completes the tree as a current npm would; on any machine whose npm already runs on
// Node 24 it does nothing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PINNED_NODE_MAJOR = 24;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** `npm/9.2.0 node/v18.20.4 linux x64 workspaces/false` → 18 (undefined when npm did not say). */
export function installingNodeMajor(userAgent = process.env.npm_config_user_agent ?? "") {
  const match = /\bnode\/v(\d+)\./.exec(userAgent);
  return match ? Number(match[1]) : undefined;
}

function main() {
  const major = installingNodeMajor();
  if (major === undefined || major >= PINNED_NODE_MAJOR || process.env.CATV_COMPLETING_INSTALL) return 0;
  const npmCli = join(root, "node_modules", "npm", "bin", "npm-cli.js");
  if (!existsSync(npmCli) || Number(process.versions.node.split(".")[0]) < PINNED_NODE_MAJOR) {
    console.error(
      `✖ npm ran on Node ${major} and the pinned Node ${PINNED_NODE_MAJOR} or npm is missing from node_modules; run "npm install" again.`,
    );
    return 1;
  }
  console.log(
    `npm ran on Node ${major}, which skips packages that need a newer Node: completing the install with the pinned npm on Node ${process.versions.node} …`,
  );
  // A clean environment: the outer npm's npm_config_* and npm_lifecycle_* variables would steer the inner one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const result = spawnSync(process.execPath, [npmCli, "install", "--no-audit", "--no-fund"], {
    cwd: root,
    env: { ...env, CATV_COMPLETING_INSTALL: "1" },
    stdio: "inherit",
  });
  return result.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(main());
