/**
 * @module `npm run backup [-- <backups folder>]`: an online backup of the running (or stopped) system's data
 * directory (CATV_DATA_DIR, `.data` by default) into `<backups folder>/backup-<UTC time>` (CATV_BACKUP_DIR,
 * `backups` by default), with manifest.json and SHA256SUMS.
 */
import { join } from "node:path";
import { takeBackup } from "./backup.ts";

const root = join(import.meta.dirname, "..", "..");
const dataDir = process.env.CATV_DATA_DIR ?? join(root, ".data");
const backupsDir = process.argv[2] ?? process.env.CATV_BACKUP_DIR ?? join(root, "backups");
try {
  const started = Date.now();
  const folder = takeBackup(dataDir, backupsDir);
  console.log(`Backup of ${dataDir} written to ${folder} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`Check it with: (cd ${folder} && sha256sum -c SHA256SUMS)`);
} catch (error) {
  console.error(`✖ backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
