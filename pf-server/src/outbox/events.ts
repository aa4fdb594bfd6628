/**
 * @module Builds outbox rows from the shared event schemas: each envelope is validated against its contract
 * before it is stored, so a receiver never gets a body its schema refuses. The event `id` doubles as the
 * Standard Webhooks `webhook-id`, which receivers deduplicate by.
 */

import {
  type OperatorEvent,
  operatorEventSchema,
  type ProviderEvent,
  providerEventSchema,
} from "@catv/contracts";
import type { z } from "zod";
import { randomId } from "../platform/ids.ts";
import type { NewOutboxEvent } from "../storage/repositories.ts";

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
