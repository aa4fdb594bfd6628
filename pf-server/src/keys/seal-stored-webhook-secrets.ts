/**
 * @module Installations from before sealing kept webhook secrets in plaintext: at start each one is sealed in
 * place (`secret-box.ts`). Idempotent: a sealed secret is left as it is.
 */
import type { PfStore } from "../storage/repositories.ts";
import type { SecretBox } from "./secret-box.ts";

/** Answers how many secrets were sealed. */
export async function sealStoredWebhookSecrets(store: PfStore, secrets: SecretBox): Promise<number> {
  let sealed = 0;
  for (const operator of await store.tenants.listOperators()) {
    if (operator.webhookSecret && !secrets.isSealed(operator.webhookSecret)) {
      const webhookSecret = secrets.seal(operator.webhookSecret, `operator:${operator.id}`);
      await store.tenants.upsertOperator({ ...operator, webhookSecret });
      sealed += 1;
    }
  }
  const services = await store.tenants.listServices();
  for (const provider of await store.tenants.listProviders()) {
    if (provider.webhookSecret && !secrets.isSealed(provider.webhookSecret)) {
      const webhookSecret = secrets.seal(provider.webhookSecret, `provider:${provider.id}`);
      const own = services.filter((service) => service.providerId === provider.id);
      await store.tenants.upsertProvider({ ...provider, webhookSecret }, own);
      sealed += 1;
    }
  }
  return sealed;
}
