import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deliverHouseholdLinks, deliverToPf } from "../domain/deliver-to-pf.ts";
import { startPfDeliveryLoop } from "../domain/pf-delivery-loop.ts";
import {
  createHarness,
  deliver,
  eventId,
  type Harness,
  registeredEvent,
  updatedEvent,
  usageEvent,
  yamadaTaro,
} from "../test-support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe("webhook verification", () => {
  it("refuses a signature made with a secret no operator holds", async () => {
    const res = await deliver(h, registeredEvent("AAAA-AAAA-AAAA-0001", yamadaTaro), {
      secret: `whsec_${Buffer.from("not-a-real-secret-000000000000").toString("base64")}`,
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("webhook_signature_invalid");
    expect(await h.repos.cableIds.get("op-a", "AAAA-AAAA-AAAA-0001")).toBeUndefined();
  });

  it("refuses a body altered after signing", async () => {
    const res = await deliver(h, registeredEvent("AAAA-AAAA-AAAA-0002", yamadaTaro), {
      alterAfterSigning: (signed) => signed.replace("山田", "田中"),
    });
    expect(res.status).toBe(401);
    expect(await h.repos.cableIds.get("op-a", "AAAA-AAAA-AAAA-0002")).toBeUndefined();
  });

  it("refuses a timestamp older than five minutes (replay)", async () => {
    const res = await deliver(h, registeredEvent("AAAA-AAAA-AAAA-0003", yamadaTaro), {
      timestamp: Math.floor(h.clock.now.getTime() / 1000) - 301,
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      "webhook_timestamp_out_of_range",
    );
  });

  it("refuses a payload that is not an operator event, with a stable code", async () => {
    const event = registeredEvent("AAAA-AAAA-AAAA-0004", yamadaTaro);
    const res = await deliver(h, event, { body: JSON.stringify({ ...event, type: "something.else" }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("webhook_payload_invalid");
  });

  it("identifies the operator by whose secret verifies", async () => {
    const res = await deliver(h, registeredEvent("BBBB-BBBB-BBBB-0001", yamadaTaro), { operator: "op-b" });
    expect(res.status).toBe(200);
    expect(await h.repos.cableIds.get("op-b", "BBBB-BBBB-BBBB-0001")).toBeDefined();
    expect(await h.repos.cableIds.get("op-a", "BBBB-BBBB-BBBB-0001")).toBeUndefined();
  });
});

describe("operator hint header", () => {
  it("refuses an event whose x-catv-operator-id names an operator whose secret did not sign it", async () => {
    const res = await deliver(h, registeredEvent("BBBB-BBBB-BBBB-0009", yamadaTaro), {
      operator: "op-a",
      headers: { "x-catv-operator-id": "op-b" },
    });
    expect(res.status).toBe(401);
    expect(await h.repos.cableIds.get("op-a", "BBBB-BBBB-BBBB-0009")).toBeUndefined();
  });
});

describe("cable_id.registered", () => {
  it("links automatically when name, birth date and normalised address agree", async () => {
    const res = await deliver(h, registeredEvent("CCCC-CCCC-CCCC-0001", yamadaTaro));
    expect(await res.json()).toEqual({ status: "applied" });
    const row = await h.repos.cableIds.get("op-a", "CCCC-CCCC-CCCC-0001");
    expect(row?.status).toBe("linked");
    expect(row?.linkMethod).toBe("auto");
    expect(row?.contractId).toBe("NT-00001");
  });

  it("matches a 丁目/番/号 certificate address against a kanji-numeral, hyphenated register entry", async () => {
    await deliver(
      h,
      registeredEvent("CCCC-CCCC-CCCC-0002", {
        name: "松本 さくら",
        address: "富山県南砺市福野1丁目8番15号",
        dateOfBirth: "1993-03-28",
        gender: "2",
      }),
    );
    expect((await h.repos.cableIds.get("op-a", "CCCC-CCCC-CCCC-0002"))?.contractId).toBe("NT-00004");
  });

  it("matches a name with a substitute character flagged by J-LIS", async () => {
    await deliver(
      h,
      registeredEvent("CCCC-CCCC-CCCC-0003", {
        name: "髙橋 美咲",
        nameAlternativeFlags: "10000",
        address: "富山県南砺市井波3110番地2",
        dateOfBirth: "1980-02-17",
        gender: "2",
      }),
    );
    expect((await h.repos.cableIds.get("op-a", "CCCC-CCCC-CCCC-0003"))?.status).toBe("linked");
  });

  it("leaves two equally good candidates to staff rather than guessing", async () => {
    const twin = { name: "双子 一", birthDate: "2000-01-01", gender: "1" as const };
    await h.repos.households.create("op-a", {
      contractId: "NT-77001",
      address: "南砺市福野77",
      plan: "ベーシック",
      monthlyFeeYen: 2_750,
      serviceStartDate: "2026-01-01",
      members: [twin, { ...twin }],
    });
    await deliver(
      h,
      registeredEvent("CCCC-CCCC-CCCC-0077", {
        name: "双子 一",
        address: "富山県南砺市福野77番地",
        dateOfBirth: "2000-01-01",
      }),
    );
    expect((await h.repos.cableIds.get("op-a", "CCCC-CCCC-CCCC-0077"))?.status).toBe("pending");
  });

  it("queues the cable ID for staff when the address differs", async () => {
    await deliver(
      h,
      registeredEvent("CCCC-CCCC-CCCC-0004", { ...yamadaTaro, address: "富山県南砺市福光9999番地" }),
    );
    expect((await h.repos.cableIds.get("op-a", "CCCC-CCCC-CCCC-0004"))?.status).toBe("pending");
  });

  it("links an assisted registration to the member staff chose", async () => {
    await deliver(
      h,
      registeredEvent(
        "CCCC-CCCC-CCCC-0005",
        { name: "山田 和子", address: "どこか別の住所1-1", dateOfBirth: "1960-09-02", gender: "2" },
        { assisted: { contractId: "NT-00001", memberId: "NT-00001-02" } },
      ),
    );
    const row = await h.repos.cableIds.get("op-a", "CCCC-CCCC-CCCC-0005");
    expect(row?.linkMethod).toBe("assisted");
    expect(row?.memberId).toBe("NT-00001-02");
  });

  it("does not trust an assisted registration naming another operator's household", async () => {
    await deliver(
      h,
      registeredEvent(
        "CCCC-CCCC-CCCC-0006",
        { name: "誰か", address: "須坂市1", dateOfBirth: "1960-09-02" },
        { assisted: { contractId: "SZ-00001", memberId: "SZ-00001-01" } },
      ),
    );
    expect((await h.repos.cableIds.get("op-a", "CCCC-CCCC-CCCC-0006"))?.status).toBe("pending");
  });

  it("applies a redelivered event only once", async () => {
    const event = registeredEvent("CCCC-CCCC-CCCC-0007", { ...yamadaTaro, address: "南砺市どこか1" });
    expect(await (await deliver(h, event)).json()).toEqual({ status: "applied" });
    expect(await (await deliver(h, event)).json()).toEqual({ status: "duplicate" });
    const reviewsBefore = (await h.repos.cableIds.listReviews("op-a", true)).length;
    const updated = updatedEvent("CCCC-CCCC-CCCC-0007", yamadaTaro);
    await deliver(h, updated);
    await deliver(h, updated);
    expect((await h.repos.cableIds.listReviews("op-a", true)).length).toBe(reviewsBefore + 1);
  });

  it("tells the PF each link state through the outbox, with the operator's API key", async () => {
    h.pf.calls.length = 0;
    await deliverHouseholdLinks(h.deps);
    const call = h.pf.calls.find(
      (c) => c.path === "/v1/operator/cable-ids/CCCC-CCCC-CCCC-0001/household-link",
    );
    expect(call?.method).toBe("PUT");
    expect(call?.authorization).toBe("Bearer api-key-a");
    expect(call?.body).toEqual({ status: "linked" });
    const pending = h.pf.calls.find(
      (c) => c.path === "/v1/operator/cable-ids/CCCC-CCCC-CCCC-0004/household-link",
    );
    expect(pending?.body).toEqual({ status: "pending" });
    expect(await h.repos.pfSync.openLinkCount("op-a")).toBe(0);
  });

  it("keeps undelivered link states and retries them after the PF fails", async () => {
    await deliver(h, registeredEvent("CCCC-CCCC-CCCC-0008", { ...yamadaTaro, address: "南砺市別1" }));
    h.pf.respond = () => ({
      status: 503,
      body: { error: { code: "internal_error", message: "down", requestId: "r" } },
    });
    await deliverHouseholdLinks(h.deps);
    expect(await h.repos.pfSync.openLinkCount("op-a")).toBe(1);
    h.pf.respond = (call) => (call.path.endsWith("household-link") ? { status: 204 } : { status: 500 });
    await deliverHouseholdLinks(h.deps);
    expect(await h.repos.pfSync.openLinkCount("op-a")).toBe(0);
  });
  it("stops retrying a link state the PF refuses with a 4xx, keeping the reason", async () => {
    await deliver(h, registeredEvent("CCCC-CCCC-CCCC-0009", { ...yamadaTaro, address: "南砺市別2" }));
    h.pf.respond = () => ({
      status: 404,
      body: { error: { code: "not_found", message: "no such cable ID", requestId: "r" } },
    });
    await deliverHouseholdLinks(h.deps);
    expect(await h.repos.pfSync.openLinkCount("op-a")).toBe(0);
    expect(h.logs.some((l) => l.msg === "PF refused a household-link update")).toBe(true);
    h.pf.respond = (call) => (call.path.endsWith("household-link") ? { status: 204 } : { status: 500 });
  });

  it("never sends a link state twice when delivery is asked for again during a pass", async () => {
    h.pf.calls.length = 0;
    await deliver(h, registeredEvent("CCCC-CCCC-CCCC-0011", { ...yamadaTaro, address: "南砺市別4" }));
    await Promise.all([deliverToPf(h.deps), deliverToPf(h.deps), deliverToPf(h.deps)]);
    const path = "/v1/operator/cable-ids/CCCC-CCCC-CCCC-0011/household-link";
    expect(h.pf.calls.filter((c) => c.path === path)).toHaveLength(1);
    expect(await h.repos.pfSync.openLinkCount("op-a")).toBe(0);
  });

  it("sends a new link state to the PF at once, without waiting for the retry timer", async () => {
    const loop = startPfDeliveryLoop(h.deps, { intervalMs: 3_600_000 });
    h.deps.pfDeliveryDue = loop.due;
    try {
      h.pf.calls.length = 0;
      await deliver(h, registeredEvent("CCCC-CCCC-CCCC-0010", { ...yamadaTaro, address: "南砺市別3" }));
      await vi.waitFor(() =>
        expect(
          h.pf.calls.find((c) => c.path === "/v1/operator/cable-ids/CCCC-CCCC-CCCC-0010/household-link")
            ?.body,
        ).toEqual({ status: "pending" }),
      );
      await vi.waitFor(async () => expect(await h.repos.pfSync.openLinkCount("op-a")).toBe(0));
    } finally {
      await loop.stop();
      h.deps.pfDeliveryDue = undefined;
    }
  });

  it("on stop, finishes the delivery pass in progress and starts no other", async () => {
    const loop = startPfDeliveryLoop(h.deps, { intervalMs: 3_600_000 });
    h.deps.pfDeliveryDue = loop.due;
    h.pf.calls.length = 0;
    const path = "/v1/operator/cable-ids/CCCC-CCCC-CCCC-0012/household-link";
    await deliver(h, registeredEvent("CCCC-CCCC-CCCC-0012", { ...yamadaTaro, address: "南砺市別5" }));
    await new Promise((started) => setImmediate(started));
    h.deps.pfDeliveryDue = undefined;
    await loop.stop();
    expect(h.pf.calls.filter((c) => c.path === path)).toHaveLength(1);
    expect(await h.repos.pfSync.openLinkCount("op-a")).toBe(0);
    loop.due();
    await new Promise((later) => setTimeout(later, 50));
    expect(h.pf.calls.filter((c) => c.path === path)).toHaveLength(1);
  });
});

describe("cable_id.updated and cable_id.revoked", () => {
  it("shows a renewal with the new address for review and keeps the link", async () => {
    await deliver(
      h,
      updatedEvent("CCCC-CCCC-CCCC-0001", { ...yamadaTaro, address: "富山県南砺市福光2000番地" }),
    );
    const review = (await h.repos.cableIds.listReviews("op-a", true)).find(
      (r) => r.cableId === "CCCC-CCCC-CCCC-0001",
    );
    expect(review?.previousFourInfo?.address).toBe(yamadaTaro.address);
    expect(review?.newFourInfo?.address).toBe("富山県南砺市福光2000番地");
    expect((await h.repos.cableIds.get("op-a", "CCCC-CCCC-CCCC-0001"))?.status).toBe("linked");
  });

  it("marks a revoked cable ID and raises a review", async () => {
    await deliver(h, {
      id: eventId(),
      type: "cable_id.revoked",
      timestamp: "2026-06-15T03:00:00.000Z",
      data: {
        cableId: "CCCC-CCCC-CCCC-0003",
        revokedAt: "2026-06-15T03:00:00.000Z",
        reason: "keyCompromise",
        certificate: "signature",
      },
    });
    expect((await h.repos.cableIds.get("op-a", "CCCC-CCCC-CCCC-0003"))?.status).toBe("revoked");
    expect((await h.repos.cableIds.listReviews("op-a", true)).some((r) => r.kind === "revoked")).toBe(true);
  });
});

describe("usage.reported", () => {
  it("stores a usage record once however often it is delivered", async () => {
    const event = usageEvent("use-1", "CCCC-CCCC-CCCC-0001", 550, "2026-06-10T01:00:00.000Z");
    await deliver(h, event);
    await deliver(h, { ...event, id: eventId() });
    expect(
      (await h.repos.usage.list("op-a", { limit: 100 })).filter((u) => u.usageId === "use-1"),
    ).toHaveLength(1);
  });

  it("bills by the Japanese calendar month", async () => {
    await deliver(h, usageEvent("use-jst", "CCCC-CCCC-CCCC-0001", 100, "2026-05-31T16:00:00.000Z"));
    expect(
      (await h.repos.usage.list("op-a", { limit: 100 })).find((u) => u.usageId === "use-jst")?.billingMonth,
    ).toBe("2026-06");
  });
});
