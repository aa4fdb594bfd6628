/**
 * @module Installations from before sealing kept webhook secrets in plaintext: at start each one is sealed in
 * place (`secret-box.ts`). One sealed as an operator's or a provider's, before tenants had roles, is sealed again
 * as its tenant's. Idempotent: a secret sealed as its tenant's is left as it is.
 */
import type { PfStore } from "../storage/repositories.ts";
import { legacyWebhookSecretContexts, type SecretBox, webhookSecretContext } from "./secret-box.ts";

/** Answers how many secrets were sealed (or sealed again). */
export async function sealStoredWebhookSecrets(store: PfStore, secrets: SecretBox): Promise<number> {
  let sealed = 0;
  for (const tenant of await store.tenants.listTenants()) {
    const stored = tenant.webhookSecret;
    if (!stored) continue;
    const context = webhookSecretContext(tenant.id);
    const plaintext = secrets.isSealed(stored) ? openLegacy(secrets, stored, tenant.id) : stored;
    if (plaintext === undefined) continue;
    // Only the tenant row changes: the settings of its roles are kept as they are.
    await store.tenants.saveTenant({
      tenant: { ...tenant, webhookSecret: secrets.seal(plaintext, context) },
    });
    sealed += 1;
  }
  return sealed;
}

/** The plaintext of a secret sealed under a pre-tenant context; undefined when it is already the tenant's. */
function openLegacy(secrets: SecretBox, stored: string, tenantId: string): string | undefined {
  if (opens(secrets, stored, webhookSecretContext(tenantId))) return undefined;
  for (const context of legacyWebhookSecretContexts(tenantId))
    if (opens(secrets, stored, context)) return secrets.open(stored, context);
  // Sealed under another key or for another row: left for the administrator to replace (delivery refuses it).
  return undefined;
}

function opens(secrets: SecretBox, stored: string, context: string): boolean {
  try {
    secrets.open(stored, context);
    return true;
  } catch {
    return false;
  }
}
