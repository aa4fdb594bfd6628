/**
 * @module The `POST /pf/events` endpoint every provider exposes: verifies the Standard Webhooks signature over
 * the raw body, parses the event against events.ts, and hands it to the provider's own store, which dedupes
 * by event ID (delivery is at least once, so the same event may come again).
 */
import { type ProviderEvent, providerEventSchema } from "@catv/contracts";
import { type Logger, readWebhookHeaders, verifyWebhook } from "@catv/service-kit";
import type { Context } from "hono";
import { z } from "zod";
import { kitFail } from "./provider-errors.ts";

/** What the store did with an event: kept it, had it already, or does not use its type. */
export type EventOutcome = "stored" | "duplicate" | "ignored";

export interface PfEventsOptions {
  webhookSecret: string;
  now: () => Date;
  logger: Logger;
  /** Stores the event (with its raw JSON) and tells what happened; runs once per delivery. */
  accept: (event: ProviderEvent, rawJson: string) => Promise<EventOutcome>;
  /** Records an event of a type this provider does not know yet, so nothing the PF sent is lost. */
  acceptUnknown: (id: string, type: string, rawJson: string) => Promise<EventOutcome>;
}

const envelopeSchema = z.object({ id: z.string().min(1).max(200), type: z.string().min(1).max(100) });
/** The event types events.ts defines for providers; any other type is kept as unknown. */
const knownTypes: ReadonlySet<string> = new Set(providerEventSchema.options.map((o) => o.shape.type.value));

/**
 * @example app.post("/pf/events", pfEventsHandler({ webhookSecret, now: () => new Date(), logger, accept, acceptUnknown }));
 */
export function pfEventsHandler(options: PfEventsOptions) {
  return async function receivePfEvent(c: Context) {
    const raw = await c.req.text();
    verifyWebhook(
      options.webhookSecret,
      readWebhookHeaders((name) => c.req.header(name)),
      raw,
      options.now(),
    );
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw kitFail("validation_failed", "The event body is not valid JSON.");
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) throw kitFail("validation_failed", "The event has no id or type.");
    let outcome: EventOutcome;
    if (knownTypes.has(envelope.data.type)) {
      const event = providerEventSchema.safeParse(json);
      if (!event.success) {
        throw kitFail("validation_failed", `The ${envelope.data.type} event does not match its schema.`);
      }
      outcome = await options.accept(event.data, raw);
    } else {
      outcome = await options.acceptUnknown(envelope.data.id, envelope.data.type, raw);
    }
    options.logger.info("pf event", { eventId: envelope.data.id, type: envelope.data.type, outcome });
    return c.json({ status: outcome });
  };
}
