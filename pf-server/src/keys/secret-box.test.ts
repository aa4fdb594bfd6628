import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tenant } from "../storage/repositories.ts";
import { createSqliteStore } from "../storage/sqlite/sqlite-store.ts";
import { sealStoredWebhookSecrets } from "./seal-stored-webhook-secrets.ts";
import { createSecretBox, loadOrCreateSecretsKey, webhookSecretContext } from "./secret-box.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pf-secrets-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SECRET = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0";

describe("webhook secrets sealed at rest", () => {
  it("keeps its key in a file only its owner can read, the same key on every start", () => {
    const path = join(dir, "keys", "secrets.key");
    const first = loadOrCreateSecretsKey(path);
    expect(loadOrCreateSecretsKey(path)).toEqual(first);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("opens what it sealed, and the sealed text does not contain the secret", () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal(SECRET, "operator:op-a");
    expect(sealed).not.toContain("c2VjcmV0");
    expect(box.open(sealed, "operator:op-a")).toBe(SECRET);
  });

  it("refuses to open a sealed secret moved onto another tenant's row", () => {
    const box = createSecretBox(randomBytes(32));
    expect(() => box.open(box.seal(SECRET, "operator:op-a"), "operator:op-b")).toThrow();
  });

  it("seals the plaintext secrets an older installation stored, once", async () => {
    const store = createSqliteStore(":memory:");
    const box = createSecretBox(randomBytes(32));
    await store.tenants.saveTenant({ tenant: tenant("op-a", SECRET) });
    expect(await sealStoredWebhookSecrets(store, box)).toBe(1);
    expect(await sealStoredWebhookSecrets(store, box)).toBe(0);
    const stored = (await store.tenants.getTenant("op-a"))?.webhookSecret ?? "";
    expect(box.isSealed(stored)).toBe(true);
    expect(box.open(stored, webhookSecretContext("op-a"))).toBe(SECRET);
    store.close();
  });

  it("seals again as the tenant's a secret sealed as an operator's before tenants had roles", async () => {
    const store = createSqliteStore(":memory:");
    const box = createSecretBox(randomBytes(32));
    await store.tenants.saveTenant({ tenant: tenant("op-a", box.seal(SECRET, "operator:op-a")) });
    expect(await sealStoredWebhookSecrets(store, box)).toBe(1);
    expect(await sealStoredWebhookSecrets(store, box)).toBe(0);
    const stored = (await store.tenants.getTenant("op-a"))?.webhookSecret ?? "";
    expect(box.open(stored, webhookSecretContext("op-a"))).toBe(SECRET);
    store.close();
  });

  it("leaves alone a secret sealed for another tenant's row", async () => {
    const store = createSqliteStore(":memory:");
    const box = createSecretBox(randomBytes(32));
    const foreign = box.seal(SECRET, webhookSecretContext("op-b"));
    await store.tenants.saveTenant({ tenant: tenant("op-a", foreign) });
    expect(await sealStoredWebhookSecrets(store, box)).toBe(0);
    expect((await store.tenants.getTenant("op-a"))?.webhookSecret).toBe(foreign);
    store.close();
  });
});

function tenant(id: string, webhookSecret: string): Tenant {
  const now = new Date().toISOString();
  return {
    id,
    name: "A",
    town: "t",
    prefecture: "p",
    roles: ["site-owner"],
    apiKeyHash: `h-${id}`,
    webhookUrl: "http://127.0.0.1:9/hooks",
    webhookSecret,
    createdAt: now,
    updatedAt: now,
  };
}
