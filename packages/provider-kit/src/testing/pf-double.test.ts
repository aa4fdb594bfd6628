import {
  errorBodySchema,
  PF_JWKS_PATH,
  pfAssertionClaimsSchema,
  pfJwksSchema,
  providerEventSchema,
  usageReportResponseSchema,
} from "@catv/contracts";
import { readWebhookHeaders, verifyWebhook } from "@catv/service-kit";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PfDouble, signedEvent, startPfDouble } from "./pf-double.ts";

let pf: PfDouble;
beforeAll(async () => {
  pf = await startPfDouble({ apiKey: "key-1" });
});
afterAll(() => pf.close());

const usageReport = {
  pairwiseId: "pw-0123456789abcdef",
  serviceId: "facility-booking",
  kind: "charge",
  amountYen: 1100,
  taxRatePercent: 10,
  description: "体育館 午前",
  occurredAt: "2026-11-24T01:00:00.000Z",
  providerReference: "B-1",
};
const report = (body: unknown, apiKey = "key-1") =>
  fetch(`${pf.url}/v1/provider/usage`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${apiKey}`,
      "content-type": "application/json",
      "idempotency-key": "k-1",
    },
    body: JSON.stringify(body),
  });

describe("the providers' PF double, held to the contracts", () => {
  it("publishes its keys as the PF's JWKS contract has them", async () => {
    const res = await fetch(`${pf.url}${PF_JWKS_PATH}`);
    expect(pfJwksSchema.safeParse(await res.json()).error).toBeUndefined();
  });

  it("accepts a usage report with the PF's answer", async () => {
    const res = await report(usageReport);
    expect(res.status).toBe(201);
    expect(usageReportResponseSchema.safeParse(await res.json()).error).toBeUndefined();
  });

  it("refuses a usage report the PF's schema refuses, with the PF's error body", async () => {
    const res = await report({ ...usageReport, amountYen: -1 });
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe("validation_failed");
  });

  it("refuses another provider's key with the PF's error body", async () => {
    const res = await report(usageReport, "someone-else");
    expect(res.status).toBe(401);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe("unauthorized");
  });

  it("answers a failure it was told to make with the PF's error body", async () => {
    pf.failNextUsage(503);
    const res = await report(usageReport);
    expect(res.status).toBe(503);
    expect(errorBodySchema.parse(await res.json()).error.code).toBe("internal_error");
  });

  it("mints assertions whose claims the assertion contract parses", async () => {
    const token = await pf.assertion({ sub: "pw-0123456789abcdef", aud: "prov-facility" });
    expect(pfAssertionClaimsSchema.safeParse(decodeJwt(token)).error).toBeUndefined();
  });

  it("signs an event delivery the way the PF does (Standard Webhooks)", async () => {
    const event = {
      id: "evt_1",
      type: "enrolment.created",
      timestamp: "2026-11-24T01:00:00.000Z",
      data: {
        pairwiseId: "pw-0123456789abcdef",
        serviceId: "facility-booking",
        operatorId: "op-nanto",
        enrolledAt: "2026-11-24T01:00:00.000Z",
      },
    };
    const secret = "whsec_MDEyMzQ1Njc4OWFiY2RlZg==";
    const delivery = signedEvent(secret, event);
    const headers = new Headers(delivery.headers);
    const body = delivery.body as string;
    expect(providerEventSchema.safeParse(JSON.parse(body)).error).toBeUndefined();
    expect(() =>
      verifyWebhook(
        secret,
        readWebhookHeaders((name) => headers.get(name) ?? undefined),
        body,
        new Date(),
      ),
    ).not.toThrow();
  });
});
