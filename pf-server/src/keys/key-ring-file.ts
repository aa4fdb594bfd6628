/**
 * @module The list of the PF's signing keys and their timeline (public JWK, when each signs from), kept beside the
 * private keys in the data directory: the running PF reads it, `npm run rotate-keys` and the PF's own schedule
 * change it under a lock file, and a change is written to a temporary file and renamed, so a reader never sees
 * half of it. It holds no secret; it is 0600 all the same, like everything in the keys folder.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import type { JWK } from "jose";
import type { PrivateKeyStore } from "./key-store.ts";

export interface RingKey {
  kid: string;
  store: PrivateKeyStore["kind"];
  publicJwk: JWK;
  createdAt: string;
  /** From this instant the key signs (until a later key's `activatesAt`); published in the JWKS from `createdAt`. */
  activatesAt: string;
}

export interface RingFile {
  /** The ring's keys; `version` tells a reader whether it changed since it last read. */
  read(): { keys: RingKey[]; version: string };
  /** Runs `change` on the current keys under the lock and saves what it answers. */
  update(change: (keys: RingKey[]) => Promise<RingKey[]>): Promise<RingKey[]>;
}

const LOCK_WAIT_MS = 10_000;
/** A lock older than this was left by a process that died while holding it. */
const STALE_LOCK_MS = 60_000;

export function openRingFile(path: string): RingFile {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const lockPath = `${path}.lock`;
  const read = () => {
    try {
      const stat = statSync(path);
      const version = `${stat.ino}:${stat.mtimeMs}`;
      return { keys: (JSON.parse(readFileSync(path, "utf8")) as { keys: RingKey[] }).keys, version };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { keys: [], version: "none" };
      throw error;
    }
  };
  const acquire = async () => {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        closeSync(openSync(lockPath, "wx", 0o600));
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        try {
          if (Date.now() - statSync(lockPath).mtimeMs > STALE_LOCK_MS) rmSync(lockPath, { force: true });
        } catch {}
        if (Date.now() > deadline) throw new Error(`the signing-key ring is locked (${lockPath})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  return {
    read,
    async update(change) {
      await acquire();
      try {
        const keys = await change(read().keys);
        const temporary = `${path}.${process.pid}.tmp`;
        writeFileSync(temporary, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
        renameSync(temporary, path);
        return keys;
      } finally {
        rmSync(lockPath, { force: true });
      }
    },
  };
}

/** The same in memory, for tests and benchmarks. */
export function memoryRingFile(): RingFile {
  let keys: RingKey[] = [];
  let version = 0;
  return {
    read: () => ({ keys, version: String(version) }),
    async update(change) {
      keys = await change(keys);
      version += 1;
      return keys;
    },
  };
}
