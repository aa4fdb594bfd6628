import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJlisClient } from "../jlis-client/jlis-client.ts";
import { createHarness, errorCode, type Harness, loginWithPin, register } from "../testing/pf-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(() => h.close());

describe("revocation checks by operator policy", () => {
  it("OCSP operator: a card revoked after registration is refused and the operator gets cable_id.revoked", async () => {
    const { residentId, card } = await h.issue();
    const { cableId } = (await (await register(h, h.terminals.a1, card)).json()) as { cableId: string };
    expect((await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {})).status).toBe(200);
    // Past the few seconds a "good" answer from the registration is reused (security/revocation.test.ts).
    h.clock.offsetMs = 6_000;
    try {
      expect(await errorCode(await loginWithPin(h, h.terminals.a1, card))).toBe("certificate_revoked");
    } finally {
      h.clock.offsetMs = 0;
    }
    await h.deliver();
    const revoked = h.webhooks.find(
      (w) => w.body.type === "cable_id.revoked" && w.body.data.cableId === cableId,
    );
    expect(revoked?.target).toBe("op-a");
    expect(revoked?.body.data).toMatchObject({ certificate: "authentication", reason: "keyCompromise" });
  });

  it("CRL operator: logs in against the CRL index without asking J-LIS per login", async () => {
    const { card } = await h.issue({ town: "須坂市", address: "長野県須坂市試験町1番地" });
    expect((await register(h, h.terminals.b1, card)).status).toBe(200);
    await h.ctx.crl.refreshAll();
    h.setJlisDown(true);
    try {
      // Registration-time anchors are cached; the CRL index answers; J-LIS is not needed for this login.
      const res = await loginWithPin(h, h.terminals.b1, card);
      expect(res.status).toBe(200);
    } finally {
      h.setJlisDown(false);
    }
  });

  it("CRL operator: a revocation shows up after the next CRL refresh", async () => {
    const { residentId, card } = await h.issue({ town: "須坂市", address: "長野県須坂市試験町2番地" });
    expect((await register(h, h.terminals.b1, card)).status).toBe(200);
    await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {});
    await h.ctx.crl.refreshAll();
    expect(await errorCode(await loginWithPin(h, h.terminals.b1, card))).toBe("certificate_revoked");
  });

  it("CRL operator: refuses to answer from a CRL past its nextUpdate when J-LIS is down (revocation_unavailable)", async () => {
    const { card } = await h.issue({ town: "須坂市", address: "長野県須坂市試験町3番地" });
    expect((await register(h, h.terminals.b1, card)).status).toBe(200);
    h.setJlisDown(true);
    h.clock.offsetMs = 24 * 3600_000;
    try {
      expect(await errorCode(await loginWithPin(h, h.terminals.b1, card))).toBe("revocation_unavailable");
    } finally {
      h.setJlisDown(false);
      h.clock.offsetMs = 0;
    }
  });
});

describe("trust anchors when J-LIS is down", () => {
  const client = () =>
    createJlisClient({ baseUrl: h.jlisUrl, verifierId: "unused", verifierSecret: "unused", anchorTtlMs: 0 });

  it("keeps serving the last good CA certificates and 券面 keys past their refresh time", async () => {
    const jlis = client();
    const anchors = await jlis.get();
    h.setJlisDown(true);
    try {
      expect(await jlis.get()).toBe(anchors);
    } finally {
      h.setJlisDown(false);
    }
  });

  it("fails closed when it never had them (revocation_unavailable)", async () => {
    h.setJlisDown(true);
    try {
      await expect(client().get()).rejects.toMatchObject({ code: "revocation_unavailable" });
    } finally {
      h.setJlisDown(false);
    }
  });
});
