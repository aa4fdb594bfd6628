/**
 * @module Creates a secret file once, atomically, for PF instances that start together on a fresh data folder:
 * the content goes to a temporary file first and is hard-linked into place (link(2) fails with EEXIST if the name
 * exists), so a reader never sees a half-written file and the instance that loses the race reads the winner's.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";

/** Writes `content()` to `path` (mode 0600) unless the file exists; answers what `path` holds afterwards. */
export function writeFileOnce(path: string, content: () => string): string {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, content(), { mode: 0o600, flag: "wx" });
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return readFileSync(path, "utf8");
}
