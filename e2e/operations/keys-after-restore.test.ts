/**
 * The PF's SoftHSM2 token travels with a backup: keys made in one data directory sign after a restore into
 * another (the token's softhsm2.conf names its folder by path and is rewritten at every start). Runs
 * `npm run rotate-keys`'s program, which checks the signing key signs what its published key verifies.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { restoreBackup, takeBackup } from "./backup.ts";

const root = join(import.meta.dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "catv-keys-restore-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const rotateKeys = (dataDir: string) => {
  const result = spawnSync(process.execPath, [join(root, "pf-server", "bin", "rotate-keys.mjs")], {
    env: { ...process.env, CATV_DATA_DIR: dataDir, PF_SIGNING_KEY_STORE: "softhsm" },
    encoding: "utf8",
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return result.stdout;
};

describe("signing keys across a backup and restore", { timeout: 180_000 }, () => {
  it("signs with the key made before the backup once restored into another data directory", () => {
    const original = join(work, "original");
    const first = rotateKeys(original);
    const kid = /signing now: (\S+);/.exec(first)?.[1];
    expect(kid).toMatch(/^pf-/);

    const folder = takeBackup(original, join(work, "backups"));
    rmSync(original, { recursive: true, force: true });
    const restored = join(work, "restored");
    restoreBackup(folder, restored);

    const after = rotateKeys(restored);
    expect(after).toContain(`signing now: ${kid};`);
    expect(after).toContain(`${kid} signs, and its published key verifies what it signs`);
  });
});
