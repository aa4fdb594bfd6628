/**
 * @module A J-LIS service in a fresh temporary data directory for tests: no demo seed, silent log, and known
 * verifier and admin credentials.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { silentLogger } from "@catv/service-kit";
import type { JlisCredentials } from "../config.ts";
import type { ResidentInput } from "../domain/issue-card.ts";
import { createJlisService, type JlisService } from "../jlis-service.ts";

export const TEST_CREDENTIALS: JlisCredentials = {
  jlisVerifier: { id: "catv-common-pf", secret: "verifier-secret-for-tests-0001" },
  jlisAdminToken: "admin-token-for-tests-000000001",
};

export const basicAuth = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
export const VERIFIER_AUTH = basicAuth(
  TEST_CREDENTIALS.jlisVerifier.id,
  TEST_CREDENTIALS.jlisVerifier.secret,
);
export const ADMIN_AUTH = `Bearer ${TEST_CREDENTIALS.jlisAdminToken}`;

export const SAMPLE_RESIDENT: ResidentInput = {
  name: "髙橋 美咲",
  nameAlternativeFlags: "10000",
  address: "富山県南砺市井波3110番地2",
  birthDate: "1980-02-17",
  gender: "2",
  town: "南砺市",
  authPin: "5802",
  signPassword: "MISAKI0217",
};

export async function startTestService(
  options: {
    publicUrl?: string;
    syntheticRevocations?: { count: number; seed: string };
    now?: () => Date;
  } = {},
): Promise<JlisService & { dataDir: string; dispose(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), "jlis-test-"));
  const service = await createJlisService({
    dataDir,
    publicUrl: options.publicUrl ?? "http://127.0.0.1:7010",
    credentials: TEST_CREDENTIALS,
    log: silentLogger,
    seed: false,
    syntheticRevocations: options.syntheticRevocations,
    now: options.now,
  });
  return {
    ...service,
    dataDir,
    dispose() {
      // SQLite closes at once (the promise only reports it).
      void service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
