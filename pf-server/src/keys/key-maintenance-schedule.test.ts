import { createMemoryLogger } from "@catv/service-kit";
import { afterEach, describe, expect, it, vi } from "vitest";
import { scheduleKeyMaintenance } from "./key-maintenance-schedule.ts";
import type { SigningKeyRing } from "./signing-key-ring.ts";

afterEach(() => {
  vi.useRealTimers();
});

/** A ring whose maintenance and re-reading fail as a full disk does, with a path in the message. */
function failingRing(): Pick<SigningKeyRing, "maintain" | "reload"> {
  const diskFull = () =>
    Object.assign(new Error("ENOSPC: no space left on device, write '/srv/pf/keys/signing-keys.json'"), {
      code: "ENOSPC",
    });
  return {
    maintain: async () => Promise.reject(diskFull()),
    reload: () => {
      throw diskFull();
    },
  };
}

describe("signing-key maintenance schedule", () => {
  it("logs a failed maintenance and a failed re-read by the error's name and code, never its message", async () => {
    vi.useFakeTimers();
    const logger = createMemoryLogger("pf-server");
    const schedule = scheduleKeyMaintenance(failingRing(), { everySeconds: 60, logger });
    await vi.advanceTimersByTimeAsync(60_000);
    await schedule.stop();
    const lines = logger.lines.map((line) => JSON.parse(line));
    expect(lines.filter((line) => line.level === "error")).toEqual([
      expect.objectContaining({
        msg: "signing-key maintenance failed; will retry",
        error: "Error",
        code: "ENOSPC",
      }),
    ]);
    expect(lines.filter((line) => line.level === "warn")).toContainEqual(
      expect.objectContaining({
        msg: "could not re-read the signing-key ring",
        error: "Error",
        code: "ENOSPC",
      }),
    );
    expect(logger.lines.join("\n")).not.toContain("signing-keys.json");
  });
});
