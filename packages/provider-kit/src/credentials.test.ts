import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadProviderCredentials } from "./credentials.ts";

const dir = mkdtempSync(join(tmpdir(), "provider-credentials-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function demoFile(provider: Record<string, unknown>): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      providers: [
        { id: "prov-x", name: "X（デモ）", apiKey: "k".repeat(20), webhookSecret: "whsec_x", ...provider },
      ],
      operators: [{ id: "op-a", name: "Aケーブル（デモ）", apiKey: "secret-not-for-providers" }],
    }),
  );
  return path;
}

describe("provider credentials", () => {
  it("reads the staff login and the operators' names from the demo credentials", () => {
    const path = demoFile({ staff: { loginId: "staff", password: "pw-0123456789" } });
    const credentials = loadProviderCredentials("prov-x", { CATV_DEMO_CREDENTIALS: path });
    expect(credentials.staff).toEqual({ loginId: "staff", password: "pw-0123456789" });
    expect(credentials.operators).toEqual([{ id: "op-a", name: "Aケーブル（デモ）" }]);
  });

  it("reads a demo credentials file written before staff logins existed, without one", () => {
    const credentials = loadProviderCredentials("prov-x", { CATV_DEMO_CREDENTIALS: demoFile({}) });
    expect(credentials.staff).toBeUndefined();
  });

  it("takes the secrets from the environment in a real installation, with no operator names", () => {
    const credentials = loadProviderCredentials("prov-x", {
      PROVIDER_API_KEY: "key",
      PROVIDER_WEBHOOK_SECRET: "whsec_y",
    });
    expect(credentials).toMatchObject({ apiKey: "key", webhookSecret: "whsec_y", operators: [] });
    expect(credentials.staff).toBeUndefined();
  });
});
