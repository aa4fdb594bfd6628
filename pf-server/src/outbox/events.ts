/**
 * @module Builds outbox rows from the shared event schemas: each envelope is validated against its contract
 * before it is stored, so a receiver never gets a body its schema refuses. The event `id` doubles as the
 * Standard Webhooks `webhook-id`, which receivers deduplicate by.
 *
 * A verifier hears of its accounts in its own dialect (events.ts of the contracts): a CATV operator (cable IDs)
 * as `cable_id.*` with `cableId`, any other verifier as `account.*` with `accountId`.
 */

import {
  type OperatorEvent,
  operatorEventSchema,
  type ProviderEvent,
  providerEventSchema,
  type VerifierEvent,
  verifierEventSchema,
} from "@catv/contracts";
import type { z } from "zod";
import { randomId } from "../platform/ids.ts";
import type { NewOutboxEvent, VerifierSettings } from "../storage/repositories.ts";

type DataOf<E extends { type: string; data: unknown }, T extends E["type"]> = Extract<E, { type: T }>["data"];

function build<S extends z.ZodType>(schema: S, envelope: unknown) {
  return JSON.stringify(schema.parse(envelope));
}

export function operatorEvent<T extends OperatorEvent["type"]>(
  operatorId: string,
  type: T,
  data: DataOf<OperatorEvent, T>,
  now: Date,
): NewOutboxEvent {
  const id = randomId("evt");
  return {
    id,
    targetKind: "operator",
    targetId: operatorId,
    type,
    payload: build(operatorEventSchema, { id, type, timestamp: now.toISOString(), data }),
  };
}

export function verifierEvent<T extends VerifierEvent["type"]>(
  verifierId: string,
  type: T,
  data: DataOf<VerifierEvent, T>,
  now: Date,
): NewOutboxEvent {
  const id = randomId("evt");
  return {
    id,
    targetKind: "verifier",
    targetId: verifierId,
    type,
    payload: build(verifierEventSchema, { id, type, timestamp: now.toISOString(), data }),
  };
}

type AccountChange = {
  updated: Omit<DataOf<VerifierEvent, "account.updated">, "accountId"> & { accountId: string };
  revoked: Omit<DataOf<VerifierEvent, "account.revoked">, "accountId"> & { accountId: string };
};

/** An update or revocation of an account, in the dialect of the verifier that holds it. */
export function accountEvent<K extends keyof AccountChange>(
  verifier: VerifierSettings,
  kind: K,
  data: AccountChange[K],
  now: Date,
): NewOutboxEvent {
  if (verifier.accountIdKind === "cable-id") {
    const { accountId, ...rest } = data;
    return operatorEvent(
      verifier.tenantId,
      `cable_id.${kind}` as "cable_id.updated",
      { cableId: accountId, ...rest } as unknown as DataOf<OperatorEvent, "cable_id.updated">,
      now,
    );
  }
  return verifierEvent(
    verifier.tenantId,
    `account.${kind}` as "account.updated",
    data as DataOf<VerifierEvent, "account.updated">,
    now,
  );
}

export function providerEvent<T extends ProviderEvent["type"]>(
  providerId: string,
  type: T,
  data: DataOf<ProviderEvent, T>,
  now: Date,
): NewOutboxEvent {
  const id = randomId("evt");
  return {
    id,
    targetKind: "provider",
    targetId: providerId,
    type,
    payload: build(providerEventSchema, { id, type, timestamp: now.toISOString(), data }),
  };
}
