import { describe, expect, it, vi } from "vitest";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { errorCode, loginPinless, loginWithPin, type Tokens } from "../testing/pf-harness.ts";

const h = harnessForFile();

const consent = { consent: { textVersion: "svc-2026-04", acceptedAt: new Date().toISOString() } };

async function viewer(kind: "pin" | "pinless" = "pin") {
  const { card, cableId } = await registeredCard(h);
  const res =
    kind === "pin"
      ? await loginWithPin(h, h.terminals.a1, card)
      : await loginPinless(h, h.terminals.a1, card);
  return { cableId, tokens: (await res.json()) as Tokens };
}
const enrol = (tokens: Tokens, serviceId = "svc-open") =>
  h.call(h.terminals.a1, "POST", `/v1/services/${serviceId}/enrolment`, consent, tokens.accessToken);

function usage(pairwiseId: string, overrides: Record<string, unknown> = {}, key = `idem-${Math.random()}`) {
  return h.app.request("/v1/provider/usage", {
    method: "POST",
    headers: {
      authorization: `Bearer ${h.providerKey}`,
      "content-type": "application/json",
      "idempotency-key": key,
    },
    body: JSON.stringify({
      pairwiseId,
      serviceId: "svc-open",
      kind: "charge",
      amountYen: 500,
      taxRatePercent: 10,
      description: "体育館 2026-12-01 10:00",
      occurredAt: new Date().toISOString(),
      providerReference: `bk-${Math.random()}`,
      ...overrides,
    }),
  });
}

describe("enrolment and the provider proxy", () => {
  it("enrols the viewer at the provider under a pairwise ID the provider verified with the PF's JWKS", async () => {
    const { tokens } = await viewer();
    const res = await enrol(tokens);
    expect(await res.json()).toEqual({ serviceId: "svc-open", enrolled: true });
    const call = h.providerRequests.at(-1);
    expect(call).toMatchObject({ path: "/pf/enrolments", acr: "urn:catv:acr:pin", svc: "svc-open" });
    expect(call?.sub).not.toContain(tokens.cableId);
    const me = (await (
      await h.call(h.terminals.a1, "GET", "/v1/me", undefined, tokens.accessToken)
    ).json()) as { services: { serviceId: string; enrolled: boolean }[] };
    expect(me.services.find((s) => s.serviceId === "svc-open")?.enrolled).toBe(true);
  });

  it("gives two providers' views of one viewer different pairwise IDs", () => {
    const a = h.ctx.tokens.pairwiseId("prov-a", "ABCD-EFGH-JKLM-NPQR");
    const b = h.ctx.tokens.pairwiseId("prov-b", "ABCD-EFGH-JKLM-NPQR");
    expect(a).not.toBe(b);
    expect(h.ctx.tokens.pairwiseId("prov-a", "ABCD-EFGH-JKLM-NPQR")).toBe(a);
  });

  it("forwards a viewer call with path, query and body, and relays the answer", async () => {
    const { tokens } = await viewer();
    await enrol(tokens);
    const res = await h.call(
      h.terminals.a1,
      "POST",
      "/v1/services/svc-open/api/slots/search?day=2026-12-01",
      { room: "gym" },
      tokens.accessToken,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      path: "/slots/search",
      method: "POST",
      query: "?day=2026-12-01",
      body: { room: "gym" },
    });
  });

  it("refuses the proxy before enrolment (not_enrolled)", async () => {
    const { tokens } = await viewer();
    expect(
      await errorCode(
        await h.call(h.terminals.a1, "GET", "/v1/services/svc-open/api/slots", undefined, tokens.accessToken),
      ),
    ).toBe("not_enrolled");
  });

  it("refuses an unknown service (service_unknown)", async () => {
    const { tokens } = await viewer();
    expect(await errorCode(await enrol(tokens, "no-such-service"))).toBe("service_unknown");
  });

  it("asks a PIN-less session for the PIN where the service requires it (step_up_required)", async () => {
    const { tokens } = await viewer("pinless");
    const res = await enrol(tokens, "svc-pin");
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("step_up_required");
  });

  it("turns the provider's step-up answer into step_up_required for a paid action", async () => {
    const { tokens } = await viewer("pinless");
    expect((await enrol(tokens)).status).toBe(200);
    expect(
      await errorCode(
        await h.call(
          h.terminals.a1,
          "POST",
          "/v1/services/svc-open/api/bookings",
          { slot: 1 },
          tokens.accessToken,
        ),
      ),
    ).toBe("step_up_required");
  });

  it("keeps proxied calls below the provider's API base URL, however the path is spelt", async () => {
    const { tokens } = await viewer();
    await enrol(tokens);
    const fetched = vi.spyOn(h.ctx, "fetch");
    try {
      for (const path of ["http://127.0.0.1:1/internal", "//127.0.0.1:1/internal", "a%2F..%2F..%2Fetc"]) {
        const res = await h.call(
          h.terminals.a1,
          "GET",
          `/v1/services/svc-open/api/${path}`,
          undefined,
          tokens.accessToken,
        );
        expect(await errorCode(res), path).toBe("validation_failed");
      }
      expect(fetched).not.toHaveBeenCalled();
    } finally {
      fetched.mockRestore();
    }
  });

  it("does not reach the provider's PF endpoints through the proxy, even percent-encoded (forbidden)", async () => {
    const { tokens } = await viewer();
    await enrol(tokens);
    const before = h.providerRequests.length;
    for (const path of ["pf/enrolments", "%70f/enrolments", "pf%2Fenrolments"]) {
      const res = await h.call(
        h.terminals.a1,
        "POST",
        `/v1/services/svc-open/api/${path}`,
        { serviceId: "svc-open" },
        tokens.accessToken,
      );
      expect(await errorCode(res), path).toBe("forbidden");
    }
    expect(h.providerRequests.length).toBe(before);
  });

  it("refuses a proxied body over 256 KiB before calling the provider (payload_too_large)", async () => {
    const { tokens } = await viewer();
    await enrol(tokens);
    const before = h.providerRequests.length;
    const res = await h.call(
      h.terminals.a1,
      "POST",
      "/v1/services/svc-open/api/bookings",
      { note: "x".repeat(256 * 1024) },
      tokens.accessToken,
    );
    expect(await errorCode(res)).toBe("payload_too_large");
    expect(h.providerRequests.length).toBe(before);
  });

  it("answers service_unavailable when the provider fails", async () => {
    const { tokens } = await viewer();
    await enrol(tokens);
    expect(
      await errorCode(
        await h.call(
          h.terminals.a1,
          "GET",
          "/v1/services/svc-open/api/broken",
          undefined,
          tokens.accessToken,
        ),
      ),
    ).toBe("service_unavailable");
  });

  it("records no enrolment when the provider cannot be reached (service_unavailable), and enrols on a retry", async () => {
    const { tokens } = await viewer();
    const fetched = vi.spyOn(h.ctx, "fetch").mockRejectedValueOnce(new TypeError("fetch failed"));
    try {
      expect(await errorCode(await enrol(tokens))).toBe("service_unavailable");
    } finally {
      fetched.mockRestore();
    }
    const me = async () =>
      (
        (await (await h.call(h.terminals.a1, "GET", "/v1/me", undefined, tokens.accessToken)).json()) as {
          services: { serviceId: string; enrolled: boolean }[];
        }
      ).services.find((s) => s.serviceId === "svc-open")?.enrolled;
    expect(await me()).toBe(false);
    expect((await enrol(tokens)).status).toBe(200);
    expect(await me()).toBe(true);
  });

  it("refuses a consent without a text version (consent_required)", async () => {
    const { tokens } = await viewer();
    const res = await h.call(
      h.terminals.a1,
      "POST",
      "/v1/services/svc-open/enrolment",
      { consent: { textVersion: "", acceptedAt: new Date().toISOString() } },
      tokens.accessToken,
    );
    expect(await errorCode(res)).toBe("consent_required");
  });
});

describe("usage, settlement and the outbox", () => {
  async function enrolledPairwise() {
    const { tokens, cableId } = await viewer();
    await enrol(tokens);
    return { cableId, pairwiseId: h.ctx.tokens.pairwiseId("prov-test", cableId) };
  }

  it("delivers a usage report to the viewer's operator, mapped to the cable ID, signed per Standard Webhooks", async () => {
    const { cableId, pairwiseId } = await enrolledPairwise();
    const res = await usage(pairwiseId);
    expect(res.status).toBe(202);
    const { usageId } = (await res.json()) as { usageId: string };
    await h.deliver();
    const event = h.webhooks.find((w) => w.body.type === "usage.reported" && w.body.data.usageId === usageId);
    expect(event).toMatchObject({ target: "op-a", verified: true });
    expect(event?.body.data).toMatchObject({
      cableId,
      providerId: "prov-test",
      amountYen: 500,
      kind: "charge",
    });
  });

  it("answers a retried report with the same usage ID and bills once", async () => {
    const { pairwiseId } = await enrolledPairwise();
    const body = { providerReference: "bk-retry-1", occurredAt: "2026-11-20T01:00:00.000Z" };
    const first = (await (await usage(pairwiseId, body, "idem-retry-1")).json()) as { usageId: string };
    const second = (await (await usage(pairwiseId, body, "idem-retry-1")).json()) as { usageId: string };
    expect(second.usageId).toBe(first.usageId);
    await h.deliver();
    expect(h.webhooks.filter((w) => w.body.data.usageId === first.usageId)).toHaveLength(1);
  });

  it("answers a report sent twice at once (a retry racing its first try) with one usage ID and bills once", async () => {
    const { pairwiseId } = await enrolledPairwise();
    const body = { providerReference: "bk-race-1", occurredAt: "2026-11-20T01:00:00.000Z" };
    const answers = await Promise.all(
      [1, 2, 3].map(async () => {
        const res = await usage(pairwiseId, body, "idem-race-1");
        return { status: res.status, usageId: ((await res.json()) as { usageId?: string }).usageId };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((a) => a.usageId)).size).toBe(1);
    await h.deliver();
    expect(h.webhooks.filter((w) => w.body.data.usageId === answers[0]?.usageId)).toHaveLength(1);
  });

  it("refuses the same Idempotency-Key with another body (idempotency_conflict)", async () => {
    const { pairwiseId } = await enrolledPairwise();
    await usage(pairwiseId, { providerReference: "bk-c1" }, "idem-conflict");
    expect(await errorCode(await usage(pairwiseId, { providerReference: "bk-c2" }, "idem-conflict"))).toBe(
      "idempotency_conflict",
    );
  });

  it("links a reversal to the charge it reverses", async () => {
    const { pairwiseId } = await enrolledPairwise();
    const charge = (await (await usage(pairwiseId, { providerReference: "bk-rev" })).json()) as {
      usageId: string;
    };
    const reversal = await usage(pairwiseId, {
      kind: "reversal",
      providerReference: "bk-rev-cancel",
      reverses: "bk-rev",
    });
    const { usageId } = (await reversal.json()) as { usageId: string };
    await h.deliver();
    expect(h.webhooks.find((w) => w.body.data.usageId === usageId)?.body.data.reversesUsageId).toBe(
      charge.usageId,
    );
  });

  it("refuses usage for an unknown pairwise ID (not_found) and from an unknown key (unauthorized)", async () => {
    expect(await errorCode(await usage("x".repeat(43)))).toBe("not_found");
    const res = await h.app.request("/v1/provider/usage", {
      method: "POST",
      headers: { authorization: "Bearer nope", "idempotency-key": "k-12345678" },
    });
    expect(await errorCode(res)).toBe("unauthorized");
  });

  it("relays an operator's settlement to the provider with its references and pairwise IDs, once per key", async () => {
    const { pairwiseId } = await enrolledPairwise();
    const { usageId } = (await (
      await usage(pairwiseId, { providerReference: "bk-settle", amountYen: 1200 })
    ).json()) as { usageId: string };
    const settle = () =>
      h.app.request("/v1/operator/settlements", {
        method: "POST",
        headers: {
          authorization: `Bearer ${h.operatorKeys.a}`,
          "content-type": "application/json",
          "idempotency-key": "settle-2026-11-prov-test",
        },
        body: JSON.stringify({
          month: "2026-11",
          providerId: "prov-test",
          recordsCollected: 1,
          reversals: 0,
          grossYen: 1200,
          collectionFeeYen: 60,
          netPayableYen: 1140,
          records: [{ usageId, status: "collected", amountYen: 1200 }],
        }),
      });
    const first = await settle();
    expect(first.status).toBe(202);
    const { settlementId } = (await first.json()) as { settlementId: string };
    expect(((await (await settle()).json()) as { settlementId: string }).settlementId).toBe(settlementId);
    await h.deliver();
    const issued = h.webhooks.filter(
      (w) => w.body.type === "settlement.issued" && w.body.data.settlementId === settlementId,
    );
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ target: "prov-test", verified: true });
    expect(issued[0]?.body.data.records).toEqual([
      { providerReference: "bk-settle", pairwiseId, status: "collected", amountYen: 1200 },
    ]);
  });

  it("retries a failed delivery with backoff, shows it in the admin API, then delivers it", async () => {
    const { pairwiseId } = await enrolledPairwise();
    await h.deliver();
    h.webhookStatus.value = 503;
    const { usageId } = (await (await usage(pairwiseId)).json()) as { usageId: string };
    await h.deliver();
    const admin = { headers: { authorization: "Bearer admin-token-for-tests-0123456789" } };
    const pending = (await (await h.app.request("/v1/admin/outbox?status=pending", admin)).json()) as {
      events: { type: string; attempts: number; lastError: string; nextAttemptAt: string }[];
    };
    const retry = pending.events.find((e) => e.type === "usage.reported");
    expect(retry).toMatchObject({ attempts: 1, lastError: "HTTP 503" });
    expect(new Date(retry?.nextAttemptAt ?? 0).getTime()).toBeGreaterThan(Date.now());
    h.webhookStatus.value = 200;
    h.clock.offsetMs = 120_000;
    try {
      await h.deliver();
    } finally {
      h.clock.offsetMs = 0;
    }
    expect(h.webhooks.some((w) => w.body.data.usageId === usageId)).toBe(true);
  });

  it("marks an event dead after the last attempt, and an administrator can requeue it", async () => {
    const { pairwiseId } = await enrolledPairwise();
    await h.deliver();
    h.webhookStatus.value = 500;
    await usage(pairwiseId);
    try {
      for (let i = 0; i < 3; i++) {
        h.clock.offsetMs = (i + 1) * 3600_000;
        await h.deliver({ maxAttempts: 2 });
      }
    } finally {
      h.clock.offsetMs = 0;
      h.webhookStatus.value = 200;
    }
    const admin = { headers: { authorization: "Bearer admin-token-for-tests-0123456789" } };
    const dead = (await (await h.app.request("/v1/admin/outbox?status=dead", admin)).json()) as {
      events: { id: string; status: string; lastError: string }[];
    };
    expect(dead.events.length).toBeGreaterThan(0);
    expect(dead.events[0]).toMatchObject({ status: "dead", lastError: "HTTP 500" });
    const id = dead.events[0]?.id ?? "";
    expect((await h.app.request(`/v1/admin/outbox/${id}/retry`, { method: "POST", ...admin })).status).toBe(
      204,
    );
    await h.deliver();
    expect(h.webhooks.some((w) => w.id === id)).toBe(true);
  });
});
