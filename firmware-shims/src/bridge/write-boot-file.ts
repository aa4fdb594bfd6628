/**
 * @module The boot file a real STB firmware hands its web app: `$CATV_DATA_DIR/bridge-boot.json`, mode 0600,
 * `{wsUrl, token, terminalId, bootedAt}`. The TV app's server reads it and injects it into the page (a reception
 * terminal's bridge writes `reception-bridge-boot.json` for the hospital's reception page). Written to a
 * temporary file and renamed, so a reader never sees half of it.
 */
import { chmod, mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface BridgeBoot {
  wsUrl: string;
  token: string;
  terminalId: string;
  bootedAt: string;
}

export const BOOT_FILE_NAME = "bridge-boot.json";

export async function writeBootFile(
  dataDir: string,
  boot: BridgeBoot,
  fileName: string = BOOT_FILE_NAME,
): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, fileName);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(boot, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
  return path;
}
