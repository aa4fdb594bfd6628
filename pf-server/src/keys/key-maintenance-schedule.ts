/**
 * @module The running PF's side of rotation: it re-reads the key ring often (so a key `npm run rotate-keys` added
 * is published and used without a restart) and maintains it on a schedule (a due rotation, the removal of keys no
 * token needs any more). The signing key at each instant follows from the ring, so the schedule's timing only
 * bounds how late a due rotation starts, never which key signs.
 */
import type { Logger } from "@catv/service-kit";
import { failureFields } from "../platform/failure-fields.ts";
import type { SigningKeyRing } from "./signing-key-ring.ts";

/** How often the ring is re-read for changes made by another process. */
const RELOAD_SECONDS = 15;

export function scheduleKeyMaintenance(
  keys: Pick<SigningKeyRing, "maintain" | "reload">,
  options: { everySeconds: number; logger: Logger; now?: () => Date },
): { stop(): Promise<void> } {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  const maintain = () => {
    running ??= keys
      .maintain(now())
      .then((report) => {
        if (report.created || report.removed.length > 0) {
          options.logger.log("info", "signing keys rotated", {
            created: report.created?.kid,
            activatesAt: report.created?.activatesAt,
            removed: report.removed,
            signing: report.signing,
          });
        }
      })
      // The ring lives in files and the key store (never the database): its error's name and code say the cause.
      .catch((error: unknown) =>
        options.logger.log("error", "signing-key maintenance failed; will retry", failureFields(error)),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const reloadTimer = setInterval(() => {
    try {
      keys.reload();
    } catch (error) {
      options.logger.log("warn", "could not re-read the signing-key ring", failureFields(error));
    }
  }, RELOAD_SECONDS * 1000);
  const maintainTimer = setInterval(maintain, options.everySeconds * 1000);
  reloadTimer.unref();
  maintainTimer.unref();
  return {
    async stop() {
      clearInterval(reloadTimer);
      clearInterval(maintainTimer);
      await running;
    },
  };
}
