/**
 * @module Archived audit rows as JSON Lines files, one per batch, named by the batch's first and last `seq`
 * (`audit-<first>-<last>.jsonl`), mode 0600. Written to a temporary file, flushed to disk and renamed, so a file
 * that exists is whole; a pass that crashed after the file and before the delete writes the same file again.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { AuditArchive } from "../domain/prune-expired-data.ts";

export function auditArchiveFiles(dir: string): AuditArchive {
  return {
    async write(rows) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const first = rows[0]?.seq ?? 0;
      const last = rows.at(-1)?.seq ?? 0;
      const path = join(
        dir,
        `audit-${String(first).padStart(12, "0")}-${String(last).padStart(12, "0")}.jsonl`,
      );
      const temporary = `${path}.tmp`;
      const fd = openSync(temporary, "w", 0o600);
      try {
        writeSync(fd, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, path);
      return path;
    },
  };
}
