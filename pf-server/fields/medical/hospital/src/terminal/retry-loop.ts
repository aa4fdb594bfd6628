/**
 * @module The terminal's part in retrying checks no insurer answered: now and then it asks the hospital which of
 * its visits are due (the hospital keeps the schedule, and the consent given), and for each asks its bridge for a
 * fresh assertion and has the hospital try again with the same recognition. It runs beside whatever the patient
 * screens are doing — the card is not needed — so the next patient is served meanwhile.
 */
import type { ReceptionBackend } from "./backend-client.ts";

export function startRetryLoop(
  backend: Pick<ReceptionBackend, "dueRetries" | "retryEligibility">,
  options: { intervalMs: number },
): { stop(): void; runOnce(): Promise<void> } {
  let running = false;
  const runOnce = async () => {
    if (running) return;
    running = true;
    try {
      const { retries } = await backend.dueRetries();
      for (const { recognitionId } of retries) {
        // The hospital records the outcome either way (answered, or the next retry): nothing to do with it here.
        await backend.retryEligibility(recognitionId).catch(() => undefined);
      }
    } catch {
      // The hospital or the bridge is out of reach: the next round tries again.
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void runOnce(), options.intervalMs);
  return { stop: () => clearInterval(timer), runOnce };
}
