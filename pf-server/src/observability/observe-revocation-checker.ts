/**
 * @module Times and counts each revocation check of a policy's checker by certificate kind and outcome, without
 * the checkers (or the use case that calls them) knowing about metrics. A checker that throws (fail closed)
 * counts as `unavailable` and the error goes on unchanged.
 */
import type { RevocationChecker } from "../revocation/revocation-checker.ts";
import type { RevocationPolicy } from "../storage/repositories.ts";
import type { PfMetrics } from "./pf-metrics.ts";

export function observeRevocationChecker<C extends RevocationChecker>(
  checker: C,
  policy: RevocationPolicy,
  metrics: PfMetrics,
): C {
  return {
    ...checker,
    async check(input) {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const answer = await checker.check(input);
        metrics.revocationCheck(input.kind, policy, answer.status, seconds());
        return answer;
      } catch (error) {
        metrics.revocationCheck(input.kind, policy, "unavailable", seconds());
        throw error;
      }
    },
  };
}
