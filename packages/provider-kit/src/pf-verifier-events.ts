/**
 * @module The `POST …/pf/events` endpoint of a verifier (検証者) other than a CATV operator — an insurer, say: the PF
 * tells it of the people who registered with it (`account.registered`, with the verified 4情報), of renewed or
 * re-issued certificates (`account.updated`) and of revocations (`account.revoked`), as Standard Webhooks
 * (events.ts). The same checks as a provider's event endpoint: the signature over the raw body first, then the
 * envelope, then the event against its contract; an event type this verifier does not know yet is handed over
 * as unknown so that nothing the PF sent is lost. Delivery is at least once: the store dedupes by event ID.
 */
import { type VerifierEvent, verifierEventSchema } from "@catv/contracts";
import { type Logger, readWebhookHeaders, verifyWebhook } from "@catv/service-kit";
import type { Context } from "hono";
import { z } from "zod";
import type { EventOutcome } from "./pf-events.ts";
import { kitFail } from "./provider-errors.ts";

export interface VerifierEventsOptions {
  /**
   * The `whsec_` secret of the verifier the request is addressed to; undefined when the address names no verifier
   * this system serves (answered `not_found`, before any signature check, so nothing is learnt from timing).
   */
  webhookSecret: (c: Context) => string | undefined;
  now: () => Date;
  logger: Logger;
  /** Applies the event (with its raw JSON) and tells what happened; runs once per delivery. */
  accept: (c: Context, event: VerifierEvent, rawJson: string) => EventOutcome | Promise<EventOutcome>;
  /** Records an event of a type this verifier does not know yet. */
  acceptUnknown: (
    c: Context,
    id: string,
    type: string,
    rawJson: string,
  ) => EventOutcome | Promise<EventOutcome>;
}

const envelopeSchema = z.object({ id: z.string().min(1).max(200), type: z.string().min(1).max(100) });
/** The event types events.ts defines for verifiers; any other type is kept as unknown. */
const knownTypes: ReadonlySet<string> = new Set(verifierEventSchema.options.map((o) => o.shape.type.value));

/**
 * @example app.post("/insurers/:insurerId/pf/events", verifierEventsHandler({ webhookSecret: (c) => secretOf(c.req.param("insurerId")), … }));
 */
export function verifierEventsHandler(options: VerifierEventsOptions) {
  return async function receiveVerifierEvent(c: Context) {
    const secret = options.webhookSecret(c);
    if (!secret) throw kitFail("not_found");
    const raw = await c.req.text();
    verifyWebhook(
      secret,
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
      const event = verifierEventSchema.safeParse(json);
      if (!event.success) {
        throw kitFail("validation_failed", `The ${envelope.data.type} event does not match its schema.`);
      }
      outcome = await options.accept(c, event.data, raw);
    } else {
      outcome = await options.acceptUnknown(c, envelope.data.id, envelope.data.type, raw);
    }
    options.logger.info("pf event", { eventId: envelope.data.id, type: envelope.data.type, outcome });
    return c.json({ status: outcome });
  };
}
