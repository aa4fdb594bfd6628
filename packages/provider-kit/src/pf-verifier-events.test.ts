import type { VerifierEvent } from "@catv/contracts";
import { codedErrorHandler, silentLogger } from "@catv/service-kit";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { verifierEventsHandler } from "./pf-verifier-events.ts";
import { signedEvent } from "./testing/pf-double.ts";

const secrets: Record<string, string> = {
  "ins-a": `whsec_${Buffer.from("secret-of-insurer-a-0123456789").toString("base64")}`,
  "ins-b": `whsec_${Buffer.from("secret-of-insurer-b-0123456789").toString("base64")}`,
};

function appRecording() {
  const seen: { insurerId: string; event: VerifierEvent | { id: string; type: string } }[] = [];
  const app = new Hono();
  app.onError(codedErrorHandler({ logger: silentLogger }));
  app.post(
    "/insurers/:insurerId/pf/events",
    verifierEventsHandler({
      webhookSecret: (c) => secrets[c.req.param("insurerId") ?? ""],
      now: () => new Date(),
      logger: silentLogger,
      accept: async (c, event) => {
        seen.push({ insurerId: c.req.param("insurerId") ?? "", event });
        return "stored" as const;
      },
      acceptUnknown: (c, id, type) => {
        seen.push({ insurerId: c.req.param("insurerId") ?? "", event: { id, type } });
        return "stored";
      },
    }),
  );
  return { app, seen };
}

const registered = {
  id: "evt_reg_1",
  type: "account.registered",
  timestamp: "2026-12-01T00:00:00.000Z",
  data: {
    accountId: "7QK2-M9XR-4TB1-ZC8D",
    registeredAt: "2026-12-01T00:00:00.000Z",
    via: { channel: "terminal", siteKind: "in-person" },
    fourInfo: {
      name: "山田 太郎",
      address: "富山県南砺市福光1234番地",
      dateOfBirth: "1958-04-12",
      gender: "1",
    },
    consent: { textVersion: "t-1", acceptedAt: "2026-12-01T00:00:00.000Z" },
  },
};

describe("a verifier's PF events endpoint", () => {
  it("hands over an account event signed with the addressed verifier's secret", async () => {
    const { app, seen } = appRecording();
    const res = await app.request("/insurers/ins-a/pf/events", signedEvent(secrets["ins-a"]!, registered));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "stored" });
    expect(seen).toEqual([{ insurerId: "ins-a", event: registered }]);
  });

  it("refuses an event signed with another verifier's secret", async () => {
    const { app, seen } = appRecording();
    const res = await app.request("/insurers/ins-a/pf/events", signedEvent(secrets["ins-b"]!, registered));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("webhook_signature_invalid");
    expect(seen).toEqual([]);
  });

  it("answers not_found for a verifier this system does not serve", async () => {
    const { app } = appRecording();
    const res = await app.request("/insurers/ins-z/pf/events", signedEvent(secrets["ins-a"]!, registered));
    expect(res.status).toBe(404);
  });

  it("refuses a known event type whose data breaks its contract", async () => {
    const { app, seen } = appRecording();
    const broken = { ...registered, data: { ...registered.data, fourInfo: { name: "山田 太郎" } } };
    const res = await app.request("/insurers/ins-a/pf/events", signedEvent(secrets["ins-a"]!, broken));
    expect(res.status).toBe(400);
    expect(seen).toEqual([]);
  });

  it("keeps an event of a type it does not know yet", async () => {
    const { app, seen } = appRecording();
    const future = { id: "evt_x", type: "account.merged", timestamp: "2026-12-01T00:00:00.000Z", data: {} };
    const res = await app.request("/insurers/ins-a/pf/events", signedEvent(secrets["ins-a"]!, future));
    expect(res.status).toBe(200);
    expect(seen).toEqual([{ insurerId: "ins-a", event: { id: "evt_x", type: "account.merged" } }]);
  });
});
