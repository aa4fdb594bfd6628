import { describe, expect, it } from "vitest";
import { installingNodeMajor } from "../../.ci/complete-install.mjs";
import {
  ensureSystemPackages,
  type SystemPackage,
  systemPackages,
} from "../../.ci/ensure-system-packages.mjs";

/** A package whose presence the test controls (apt-get "installs" it by flipping the flag). */
function fakePackage(name: string, neededFor: SystemPackage["neededFor"], present = false) {
  const state = { present };
  const pkg: SystemPackage = { name, neededFor, why: `${name} is used`, isPresent: () => state.present };
  return { pkg, state };
}

describe("ensuring the Debian packages outside npm", () => {
  it("declares chromium, fonts-noto-cjk and openssl for the tests", () => {
    const forTests = systemPackages.filter((p) => p.neededFor.includes("test")).map((p) => p.name);
    expect(forTests).toEqual(expect.arrayContaining(["chromium", "fonts-noto-cjk", "openssl"]));
  });

  it("does nothing when every package the purpose needs is present", () => {
    const calls: string[][] = [];
    const { pkg } = fakePackage("openssl", ["test"], true);
    const ok = ensureSystemPackages("test", {
      packages: [pkg],
      canInstall: true,
      aptGet: (args) => {
        calls.push(args);
        return 0;
      },
    });
    expect(ok).toBe(true);
    expect(calls).toEqual([]);
  });

  it("prints one line with the exact command to run when it may not install", () => {
    const lines: string[] = [];
    const a = fakePackage("chromium", ["test"]);
    const b = fakePackage("fonts-noto-cjk", ["test"]);
    const ok = ensureSystemPackages("test", {
      packages: [a.pkg, b.pkg],
      canInstall: false,
      log: (line) => lines.push(line),
      aptGet: () => {
        throw new Error("apt-get must not run without root");
      },
    });
    expect(ok).toBe(false);
    expect(lines).toEqual([
      "✖ Missing Debian packages (chromium, fonts-noto-cjk); run: sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk'",
    ]);
  });

  it("as root runs apt-get update, then installs only what the purpose lacks", () => {
    const calls: string[][] = [];
    const chromium = fakePackage("chromium", ["test"]);
    const openssl = fakePackage("openssl", ["test", "start"], true);
    const postgres = fakePackage("postgresql", ["start"]);
    const ok = ensureSystemPackages("test", {
      packages: [chromium.pkg, openssl.pkg, postgres.pkg],
      canInstall: true,
      log: () => {},
      aptGet: (args) => {
        calls.push(args);
        if (args[0] === "install") chromium.state.present = true;
        return 0;
      },
    });
    expect(ok).toBe(true);
    expect(calls).toEqual([
      ["update", "-q"],
      ["install", "-y", "-q", "--no-install-recommends", "chromium"],
    ]);
  });

  it("fails with the command to run when apt-get fails", () => {
    const lines: string[] = [];
    const { pkg } = fakePackage("chromium", ["test"]);
    const ok = ensureSystemPackages("test", {
      packages: [pkg],
      canInstall: true,
      log: (line) => lines.push(line),
      aptGet: (args) => (args[0] === "update" ? 100 : 0),
    });
    expect(ok).toBe(false);
    expect(lines.at(-1)).toBe(
      "✖ apt-get update failed (100); run as root: apt-get update && apt-get install -y --no-install-recommends chromium",
    );
  });

  it("fails when apt-get succeeded but the package is still not found", () => {
    const lines: string[] = [];
    const { pkg } = fakePackage("chromium", ["test"]);
    const ok = ensureSystemPackages("test", {
      packages: [pkg],
      canInstall: true,
      log: (line) => lines.push(line),
      aptGet: () => 0,
    });
    expect(ok).toBe(false);
    expect(lines.at(-1)).toBe("✖ Still missing after apt-get install: chromium");
  });
});

describe("completing an install made by an older npm", () => {
  it("reads the Node version npm ran on from its user agent", () => {
    expect(installingNodeMajor("npm/9.2.0 node/v18.20.4 linux x64 workspaces/false")).toBe(18);
    expect(
      installingNodeMajor("npm/11.21.2 node/v24.21.0 linux x64 workspaces/false ci/github-actions"),
    ).toBe(24);
    expect(installingNodeMajor("")).toBeUndefined();
  });
});
