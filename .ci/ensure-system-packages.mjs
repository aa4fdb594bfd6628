#!/usr/bin/env node
// The Debian packages outside npm that the system and its tests use, declared once, each with how to tell
// it is already there. `npm test` (test-all.mjs) asks for the "test" set, `npm start` for the "start" set,
// CI through `npm test`. As root it installs what is missing with apt-get, the way
// `playwright install --with-deps` does; otherwise it prints the one command to run and fails.
//
// Plain JS that runs on any Node from 18 (Debian bookworm's): it may run before Node 24 is installed.
//
//   node .ci/ensure-system-packages.mjs [test|start]
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Whether `command` is an executable file in one of PATH's directories. */
function onPath(command) {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || ".", command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Whether fontconfig knows a font family (fontconfig itself comes with chromium). */
function fontFamilyInstalled(family) {
  const result = spawnSync("fc-list", [family, "family"], { encoding: "utf8" });
  return result.status === 0 && result.stdout.includes(family);
}

/**
 * name: the Debian package; neededFor: "test" (tests only) and/or "start" (the running system);
 * why: one line for the message; isPresent: how to tell it is installed (what the code uses, not dpkg's
 * database, so a machine that provides it another way passes too).
 */
export const systemPackages = [
  {
    name: "chromium",
    neededFor: ["test"],
    why: "the Playwright journeys and browser tests drive Debian's Chromium (CHROMIUM_PATH to use another)",
    isPresent: () => existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
  },
  {
    name: "fonts-noto-cjk",
    neededFor: ["test"],
    why: "Japanese text in the screenshots the journeys take",
    isPresent: () => fontFamilyInstalled("Noto Sans CJK JP"),
  },
  {
    name: "softhsm2",
    neededFor: ["test", "start"],
    why: "the PF keeps its signing keys in a PKCS#11 token: SoftHSM2 unless PF_PKCS11_MODULE names an HSM",
    isPresent: () => existsSync("/usr/lib/softhsm/libsofthsm2.so"),
  },
  {
    name: "openssl",
    neededFor: ["test"],
    why: "the J-LIS simulator's interoperability tests run openssl verify/crl/ocsp",
    isPresent: () => onPath("openssl"),
  },
];

/** The packages `purpose` needs that this machine lacks. */
export function missingSystemPackages(purpose, packages = systemPackages) {
  return packages.filter((p) => p.neededFor.includes(purpose) && !p.isPresent());
}

export function installCommand(names) {
  return `apt-get update && apt-get install -y --no-install-recommends ${names.join(" ")}`;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Runs apt-get with its output on this terminal; returns its exit status (or an error message). */
function runAptGet(args) {
  const result = spawnSync("apt-get", args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return result.status ?? result.error?.message ?? "killed";
}

/**
 * Installs (as root) or names what `purpose` lacks. Returns true when everything is present afterwards.
 * @param {"test" | "start"} purpose
 * @param {{ log?: (line: string) => void, canInstall?: boolean, packages?: typeof systemPackages,
 *   aptGet?: (args: string[]) => number | string }} [options]
 */
export function ensureSystemPackages(purpose, options = {}) {
  const log = options.log ?? ((line) => console.error(line));
  const packages = options.packages ?? systemPackages;
  const aptGet = options.aptGet ?? runAptGet;
  const missing = missingSystemPackages(purpose, packages);
  if (missing.length === 0) return true;
  const names = missing.map((p) => p.name);
  if (!(options.canInstall ?? isRoot())) {
    log(`✖ Missing Debian packages (${names.join(", ")}); run: sudo sh -c '${installCommand(names)}'`);
    return false;
  }
  log(`Installing Debian packages with apt-get: ${names.join(" ")}`);
  for (const p of missing) log(`  ${p.name}: ${p.why}`);
  for (const args of [
    ["update", "-q"],
    ["install", "-y", "-q", "--no-install-recommends", ...names],
  ]) {
    const status = aptGet(args);
    if (status !== 0) {
      log(`✖ apt-get ${args[0]} failed (${status}); run as root: ${installCommand(names)}`);
      return false;
    }
  }
  const still = missingSystemPackages(purpose, packages).map((p) => p.name);
  if (still.length > 0) {
    log(`✖ Still missing after apt-get install: ${still.join(", ")}`);
    return false;
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const purpose = process.argv[2] ?? "test";
  if (purpose !== "test" && purpose !== "start") {
    console.error(`usage: ensure-system-packages.mjs [test|start] (got ${purpose})`);
    process.exit(2);
  }
  process.exit(ensureSystemPackages(purpose) ? 0 : 1);
}
