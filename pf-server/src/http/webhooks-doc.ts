/**
 * @module The OpenAPI 3.1 `webhooks` section: every request the PF sends to an operator's, a verifier's (an
 * insurer's) or a provider's own server — each event of `packages/contracts/src/events.ts` (Standard Webhooks to the registered webhook URL), and
 * the provider-side endpoints a provider implements (enrolment and its end, the viewer calls the PF forwards) —
 * with the contracts' schemas and examples generated from them. `documentedEvents` lists what is documented, so a
 * test can check it against the contracts' event types.
 */
import {
  accountRegisteredEventSchema,
  accountRevokedEventSchema,
  accountUpdatedEventSchema,
  cableIdRegisteredEventSchema,
  cableIdRevokedEventSchema,
  cableIdUpdatedEventSchema,
  enrolmentCreatedEventSchema,
  type operatorEventSchema,
  pfAssertionClaimsSchema,
  providerEnrolmentRequestSchema,
  providerEnrolmentResponseSchema,
  type providerEventSchema,
  providerStepUpErrorSchema,
  settlementIssuedEventSchema,
  usageReportedEventSchema,
  type verifierEventSchema,
} from "@catv/contracts";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { defaultDeliveryPolicy } from "../domain/deliver-outbox-events.ts";
import { exampleOf } from "./examples.ts";

type EventSchema =
  | (typeof operatorEventSchema.options)[number]
  | (typeof verifierEventSchema.options)[number]
  | (typeof providerEventSchema.options)[number];
type Receiver = "operator" | "verifier" | "provider";

const signatureHeaders = {
  "webhook-id": z
    .string()
    .describe("The event's ID (the same as the body's `id`), unchanged on every retry: deduplicate by it."),
  "webhook-timestamp": z
    .string()
    .regex(/^[0-9]+$/)
    .describe("Unix seconds when this attempt was signed. Refuse one more than 5 minutes from your clock."),
  "webhook-signature": z
    .string()
    .describe(
      '`v1,<base64 HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<raw body>">`, keyed by the base64-decoded part ' +
        "of your `whsec_` secret (Standard Webhooks). Compare in constant time, over the raw bytes before parsing.",
    ),
};
const operatorHeaders = z.object({
  ...signatureHeaders,
  "x-catv-operator-id": z.string().describe("Your operator ID, for a receiver serving several operators."),
});
const verifierHeaders = z.object({
  ...signatureHeaders,
  "x-catv-verifier-id": z
    .string()
    .describe("Your tenant ID at the PF (an insurer's), for a receiver serving several."),
});
const providerHeaders = z.object({
  ...signatureHeaders,
  "x-catv-provider-id": z.string().describe("Your provider ID."),
});

const policy = defaultDeliveryPolicy;
const delivery = {
  200: {
    description:
      `Any 2xx: delivered (the body is not read). Anything else, or no answer within ${policy.timeoutMs / 1000} s, ` +
      `is retried with exponential backoff and full jitter — waits of up to ${policy.baseDelayMs / 1000} s doubling ` +
      `to at most ${policy.maxDelayMs / 60_000} min, ${policy.maxAttempts} attempts in all — then set aside for the ` +
      "PF administrator, who can send it again. Answer quickly and do the work afterwards.",
  },
};

const EVENT_NOTES: Record<EventSchema["shape"]["type"]["value"], { to: Receiver; text: string }> = {
  "cable_id.registered": {
    to: "operator",
    text:
      "A viewer registered with their card on one of your STBs: the new cable ID, and the 4情報 of the signature " +
      "certificate shared with the viewer's consent for household matching only (keep them no longer than the " +
      "matching needs). `assisted` is present when your staff opened the registration for a household member: link " +
      "to that member. Answer by linking the cable ID (`POST /v1/operator/cable-ids/{cableId}/household-link`).",
  },
  "cable_id.updated": {
    to: "operator",
    text:
      "A registered viewer's card was renewed or re-issued (a move): the cable ID stays, the 4情報 may have changed. " +
      "Show the change to staff for review.",
  },
  "cable_id.revoked": {
    to: "operator",
    text:
      "The PF found a certificate of this viewer revoked (lost card, death, expiry of the card): the viewer can no " +
      "longer log in with that card. `reason` is the RFC 5280 reason J-LIS reported.",
  },
  "usage.reported": {
    to: "operator",
    text:
      "A provider reported a chargeable use by this viewer: bill it on the viewer's cable bill in the JST month of " +
      "`occurredAt`, once per `usageId`. A `reversal` cancels the charge named by `reversesUsageId`.",
  },
  "account.registered": {
    to: "verifier",
    text:
      "A person registered with you (an insurer) with their card — at a medical institution's reception with staff " +
      "help (`via.channel` terminal, `siteKind` in-person) or on your own registration page (`via.channel` verifier): " +
      "the 共通的PFID the PF issued to you for them, and the 4情報 of the signature certificate shared with their " +
      "consent for matching with your 被保険者DB only. Answer by linking the account " +
      "(`PUT /v1/verifier/accounts/{accountId}/link`) once staff have matched it.",
  },
  "account.updated": {
    to: "verifier",
    text:
      "A registered person's card was renewed (`renewed`) or a new signature certificate issued after a change of " +
      "4情報 (`reissued`, a move): the 共通的PFID stays, the 4情報 may have changed. Show the change to staff.",
  },
  "account.revoked": {
    to: "verifier",
    text:
      "The PF found a certificate of this person revoked (at a check, or in J-LIS's CRL): with the " +
      "user-authentication certificate, the card can no longer be used at a reception. `reason` is the RFC 5280 " +
      "reason J-LIS reported.",
  },
  "enrolment.created": {
    to: "provider",
    text:
      "A viewer enrolled in your service (after your `POST {apiBaseUrl}/pf/enrolments` answered): the viewer's " +
      "pairwise ID and their CATV operator. It may arrive before or after the enrolment call itself completes.",
  },
  "settlement.issued": {
    to: "provider",
    text:
      "A CATV operator's monthly settlement of what it collected for you: per record (`providerReference` = your own " +
      "reference from the usage report) whether it was collected, reversed or not collected, the gross, the " +
      "operator's collection fee and the net it pays you. A corrected settlement comes with the same `settlementId` " +
      "and replaces the earlier one.",
  },
};

const EVENT_SCHEMAS: EventSchema[] = [
  cableIdRegisteredEventSchema,
  cableIdUpdatedEventSchema,
  cableIdRevokedEventSchema,
  usageReportedEventSchema,
  accountRegisteredEventSchema,
  accountUpdatedEventSchema,
  accountRevokedEventSchema,
  enrolmentCreatedEventSchema,
  settlementIssuedEventSchema,
];

const TAGS: Record<Receiver, string> = {
  operator: "Webhooks to operators",
  verifier: "Webhooks to verifiers (insurers)",
  provider: "Webhooks to providers",
};
const HEADERS: Record<Receiver, z.ZodObject> = {
  operator: operatorHeaders,
  verifier: verifierHeaders,
  provider: providerHeaders,
};

/** The event types the document describes, with the schema each is described by. */
export const documentedEvents: ReadonlyMap<string, EventSchema> = new Map(
  EVENT_SCHEMAS.map((schema) => [schema.shape.type.value, schema]),
);

const assertionSecurity = [{ pfAssertion: [] }];

/** Adds every webhook and provider-side endpoint to the registry (OpenAPI 3.1 `webhooks`). */
export function registerWebhookDocs(registry: OpenAPIHono["openAPIRegistry"]): void {
  const { $schema: _, ...claims } = z.toJSONSchema(pfAssertionClaimsSchema);
  // A JSON Schema (draft 2020-12) is an OpenAPI 3.1 schema object; the registry's type is the narrower 3.0 one.
  const claimsSchema = { ...claims, example: exampleOf(pfAssertionClaimsSchema) } as Parameters<
    typeof registry.registerComponent<"schemas">
  >[2];
  registry.registerComponent("schemas", "PfAssertionClaims", claimsSchema);
  registry.registerComponent("securitySchemes", "pfAssertion", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "The PF's assertion on every request it sends to a provider's API: an ES256 JWT (see the PfAssertionClaims " +
      "schema and “How a service provider integrates”), verified with the PF's keys at `/.well-known/jwks.json`.",
  });

  for (const schema of EVENT_SCHEMAS) {
    const type = schema.shape.type.value;
    const note = EVENT_NOTES[type];
    registry.registerWebhook({
      method: "post",
      path: type,
      tags: [TAGS[note.to]],
      summary: `${type} → the ${note.to}'s webhook URL`,
      description: `${note.text}\n\nPOSTed to the webhook URL registered for the ${note.to}, signed with its \`whsec_\` secret. Delivery is at least once; deduplicate by \`webhook-id\`.`,
      request: {
        headers: HEADERS[note.to],
        body: {
          required: true,
          content: { "application/json": { schema, example: exampleOf(schema) } },
        },
      },
      responses: delivery,
    });
  }

  registry.registerWebhook({
    method: "post",
    path: "provider: POST {apiBaseUrl}/pf/enrolments",
    tags: ["Provider side (you implement)"],
    summary: "Enrol a viewer in your service",
    description:
      "The PF calls this when a viewer agrees to use your service on the TV, with the viewer's assertion (`sub` = the " +
      "pairwise ID for your service, stable for this viewer, different at every other provider). Create your own " +
      "user for the pairwise ID, keep what they consented to, and answer `201 {providerUserId}`; the same call for " +
      "an enrolled viewer answers `200` with the same ID (refresh the consent). Any other answer, or none within the " +
      "PF's timeout, makes the viewer's enrolment fail with `service_unavailable`.",
    security: assertionSecurity,
    request: {
      body: {
        required: true,
        content: {
          "application/json": {
            schema: providerEnrolmentRequestSchema,
            example: exampleOf(providerEnrolmentRequestSchema),
          },
        },
      },
    },
    responses: {
      201: {
        description: "Enrolled.",
        content: {
          "application/json": {
            schema: providerEnrolmentResponseSchema,
            example: exampleOf(providerEnrolmentResponseSchema),
          },
        },
      },
      200: {
        description: "Already enrolled: the same `providerUserId`, consent refreshed.",
        content: {
          "application/json": {
            schema: providerEnrolmentResponseSchema,
            example: exampleOf(providerEnrolmentResponseSchema),
          },
        },
      },
    },
  });

  registry.registerWebhook({
    method: "delete",
    path: "provider: DELETE {apiBaseUrl}/pf/enrolments/{pairwiseId}",
    tags: ["Provider side (you implement)"],
    summary: "End a viewer's enrolment",
    description:
      "Part of the provider contract (`provider-api.ts`): the viewer's enrolment in your service ends (the viewer " +
      "left the service). Refuse it with `403` unless `{pairwiseId}` is the assertion's `sub`. Delete the link to the " +
      "pairwise ID and apply your own retention policy (the facility sample keeps fee records without the person; " +
      "the healthcare sample deletes everything). Answer `204`, also for a viewer who was not enrolled.",
    security: assertionSecurity,
    request: { params: z.object({ pairwiseId: z.string().min(16).max(128) }) },
    responses: {
      204: { description: "Ended (or was not enrolled)." },
      403: { description: "The path names another viewer than the assertion." },
    },
  });

  registry.registerWebhook({
    method: "post",
    path: "provider: {any method} {apiBaseUrl}/{path}",
    tags: ["Provider side (you implement)"],
    summary: "Viewer calls forwarded by the PF",
    description:
      "The TV app calls `/v1/services/{serviceId}/api/{path}` at the PF; the PF forwards method, path, query and JSON " +
      "body to `{apiBaseUrl}/{path}` with a fresh assertion for the viewer (`acr` says whether they used the PIN), " +
      "and relays your status and JSON body to the TV. Answer a `5xx` only for your own failures (the TV shows " +
      "`service_unavailable`). For an action that needs the PIN (something billed), answer the step-up error below " +
      "when `acr` is `urn:catv:acr:pinless`: the PF turns it into its own `step_up_required`, the viewer enters the " +
      "PIN, and the TV repeats the call with a PIN-level assertion.",
    security: assertionSecurity,
    responses: {
      200: { description: "Your API's own answer, relayed to the TV app as it is." },
      403: {
        description: "The action needs a PIN-level session (`acr` = `urn:catv:acr:pin`).",
        content: {
          "application/json": {
            schema: providerStepUpErrorSchema,
            example: exampleOf(providerStepUpErrorSchema),
          },
        },
      },
    },
  });
}
