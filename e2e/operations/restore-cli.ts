/**
 * @module `npm run restore <backup folder>`: brings the stopped system's data directory (CATV_DATA_DIR, `.data` by
 * default) back to the backup. Refuses while a service holds a database open; the state it replaces is kept
 * beside it as `<data dir>.replaced-<time>`.
 */
import { join } from "node:path";
import { restoreBackup } from "./backup.ts";

const root = join(import.meta.dirname, "..", "..");
const dataDir = process.env.CATV_DATA_DIR ?? join(root, ".data");
const folder = process.argv[2];
if (!folder) {
  console.error("usage: npm run restore <backup folder>");
  process.exit(2);
}
try {
  const replaced = restoreBackup(folder, dataDir);
  console.log(`Restored ${folder} into ${dataDir}.`);
  if (replaced) console.log(`The state it replaced is in ${replaced}; delete it once the system runs well.`);
} catch (error) {
  console.error(`✖ restore refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
