import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, insurerOf, KENPO, KOKUHO, residents, startHarness } from "../test-support/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("the PF's account events", () => {
  it("puts a registration into the intake with its verified 4情報 and where it was made", async () => {
    const accountId = await h.register(KENPO, residents.takahashiMisaki, { channel: "verifier" });
    const registration = await h.store.registrations.get(KENPO, accountId);
    expect(registration).toMatchObject({
      status: "active",
      channel: "verifier",
      siteKind: null,
      fourInfo: residents.takahashiMisaki,
      reviewPending: false,
    });
  });

  it("applies a redelivered event once", async () => {
    const accountId = h.pf.issueAccount(KENPO);
    const event = {
      id: "evt_redelivered_1",
      type: "account.registered" as const,
      timestamp: new Date().toISOString(),
      data: {
        accountId,
        registeredAt: new Date().toISOString(),
        via: { channel: "terminal" as const, siteKind: "in-person" as const },
        fourInfo: residents.satoHanako,
        consent: { textVersion: "t", acceptedAt: new Date().toISOString() },
      },
    };
    expect(await (await h.sendEvent(KENPO, event)).json()).toEqual({ status: "stored" });
    expect(await (await h.sendEvent(KENPO, event)).json()).toEqual({ status: "duplicate" });
    const audit = await h.store.audit.list(KENPO, { offset: 0, limit: 100 });
    expect(
      audit.items.filter((e) => e.target === accountId && e.action === "registration.received"),
    ).toHaveLength(1);
  });

  it("takes the new 4情報 of account.updated and marks the registration for review", async () => {
    const accountId = await h.register(KOKUHO, residents.hattoriAoi);
    const moved = { ...residents.hattoriAoi, address: "三重県いなべ市藤原町市場200番地" };
    const res = await h.sendEvent(KOKUHO, {
      id: `evt_upd_${accountId}`,
      type: "account.updated",
      timestamp: new Date().toISOString(),
      data: { accountId, updatedAt: new Date().toISOString(), reason: "reissued", fourInfo: moved },
    });
    expect(res.status).toBe(200);
    expect(await h.store.registrations.get(KOKUHO, accountId)).toMatchObject({
      fourInfo: moved,
      reviewPending: true,
      updateReason: "reissued",
    });
  });

  it("marks a registration revoked when the user-authentication certificate is revoked", async () => {
    const accountId = await h.register(KENPO, residents.itoKenta);
    await h.sendEvent(KENPO, {
      id: `evt_rev_${accountId}`,
      type: "account.revoked",
      timestamp: new Date().toISOString(),
      data: {
        accountId,
        revokedAt: new Date().toISOString(),
        reason: "keyCompromise",
        certificate: "authentication",
      },
    });
    expect(await h.store.registrations.get(KENPO, accountId)).toMatchObject({
      status: "revoked",
      revokedCertificate: "authentication",
      revocationReason: "keyCompromise",
    });
  });

  it("keeps a registration usable when only the signature certificate is revoked (a move)", async () => {
    const accountId = await h.register(KENPO, residents.matsumotoSakura);
    await h.sendEvent(KENPO, {
      id: `evt_rev_sign_${accountId}`,
      type: "account.revoked",
      timestamp: new Date().toISOString(),
      data: {
        accountId,
        revokedAt: new Date().toISOString(),
        reason: "affiliationChanged",
        certificate: "signature",
      },
    });
    expect(await h.store.registrations.get(KENPO, accountId)).toMatchObject({
      status: "active",
      revokedCertificate: "signature",
    });
  });

  it("refuses an event signed with the other insurer's secret, and audits it by code", async () => {
    const event = {
      id: "evt_cross_1",
      type: "account.registered" as const,
      timestamp: new Date().toISOString(),
      data: {
        accountId: h.pf.issueAccount(KOKUHO),
        registeredAt: new Date().toISOString(),
        via: { channel: "verifier" as const },
        fourInfo: residents.yamadaTaro,
        consent: { textVersion: "t", acceptedAt: new Date().toISOString() },
      },
    };
    const res = await h.sendEvent(KOKUHO, event, insurerOf(KENPO).webhookSecret);
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe("webhook_signature_invalid");
    expect(await h.store.registrations.get(KOKUHO, event.data.accountId)).toBeUndefined();
    const audit = await h.store.audit.list(KOKUHO, { offset: 0, limit: 20 });
    expect(
      audit.items.some(
        (e) => e.action === "refused.pf_event" && e.detail.startsWith("webhook_signature_invalid"),
      ),
    ).toBe(true);
  });

  it("refuses an event without the Standard Webhooks headers", async () => {
    const res = await h.app.request(`/insurers/${KOKUHO}/pf/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe("webhook_headers_missing");
  });

  it("refuses an event for an insurer this system does not serve", async () => {
    const res = await h.app.request("/insurers/ins-elsewhere/pf/events", { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
  });
});
