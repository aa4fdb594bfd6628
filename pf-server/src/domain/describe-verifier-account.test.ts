/**
 * A verifier's accounts over HTTP: the insurer links a 共通的PFID to its 被保険者 (参考１－２) and reads an account's
 * state; it never reaches another verifier's account, and hears of a revoked card in `account.revoked`.
 */
import { verifierAccountSchema } from "@catv/contracts";
import { describe, expect, it } from "vitest";
import {
  accountIdAt,
  asTenant,
  INSURERS,
  linkedPatient,
  medicalHarnessForFile,
  recognisePin,
  registerAtReception,
} from "../testing/medical-fixture.ts";
import { errorCode } from "../testing/pf-harness.ts";

const { h, m } = medicalHarnessForFile();

async function registered(verifier: "city" | "kenpo" = "city") {
  const issued = await h.issue();
  await registerAtReception(h, m.terminals.a1, issued.card, INSURERS[verifier].id);
  return { ...issued, accountId: await accountIdAt(h, INSURERS[verifier].id, issued.card) };
}
const read = (apiKey: string, accountId: string) =>
  asTenant(h, apiKey, "GET", `/v1/verifier/accounts/${accountId}`);
const link = (apiKey: string, accountId: string, status: "linked" | "pending") =>
  asTenant(h, apiKey, "PUT", `/v1/verifier/accounts/${accountId}/link`, { status });

describe("a verifier's accounts", { timeout: 15_000 }, () => {
  it("shows a new account as pending and active, with the consent the person gave", async () => {
    const { accountId } = await registered();
    const body = verifierAccountSchema.parse(await (await read(m.insurerKeys.city, accountId)).json());
    expect(body).toMatchObject({ accountId, linkStatus: "pending", status: "active" });
    expect(body.consent.textVersion).toBe("2026-04");
  });

  it("records the insurer's link (204), audited as its act", async () => {
    const { accountId } = await registered();
    expect((await link(m.insurerKeys.city, accountId, "linked")).status).toBe(204);
    expect(await (await read(m.insurerKeys.city, accountId)).json()).toMatchObject({ linkStatus: "linked" });
    expect((await h.audit()).findLast((r) => r.event === "account-link.linked")).toMatchObject({
      actorKind: "verifier",
      actorId: INSURERS.city.id,
      accountId,
    });
  });

  it("lets the insurer undo a link (pending again)", async () => {
    const { accountId } = await linkedPatient(h, m);
    expect((await link(m.insurerKeys.city, accountId, "pending")).status).toBe(204);
    expect(await (await read(m.insurerKeys.city, accountId)).json()).toMatchObject({ linkStatus: "pending" });
  });

  it("answers another verifier's account as unknown, to a read and to a link (account_unknown)", async () => {
    const { accountId } = await registered("city");
    expect(await errorCode(await read(m.insurerKeys.kenpo, accountId))).toBe("account_unknown");
    expect(await errorCode(await link(m.insurerKeys.kenpo, accountId, "linked"))).toBe("account_unknown");
    expect(await (await read(m.insurerKeys.city, accountId)).json()).toMatchObject({ linkStatus: "pending" });
  });

  it("refuses a CATV operator's key and an institution's on the verifier API for an insurer's account", async () => {
    const { accountId } = await registered();
    expect(await errorCode(await read(h.operatorKeys.a, accountId))).toBe("account_unknown");
    expect(await errorCode(await read(m.institutionKeys.a, accountId))).toBe("unauthorized");
  });

  it("shows the account revoked and sends account.revoked once J-LIS revoked the card", async () => {
    const { residentId, card, accountId } = await linkedPatient(h, m);
    expect((await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {})).status).toBe(200);
    // The city checks by OCSP: past the few seconds a "good" answer is reused, the loss is found at the next touch.
    h.clock.offsetMs = 6_000;
    try {
      expect(await errorCode(await recognisePin(h, m.terminals.a1, card))).toBe("certificate_revoked");
    } finally {
      h.clock.offsetMs = 0;
    }
    expect(await (await read(m.insurerKeys.city, accountId)).json()).toMatchObject({ status: "revoked" });
    await h.deliver();
    const revoked = h.webhooks.filter(
      (w) => w.body.type === "account.revoked" && w.body.data.accountId === accountId,
    );
    expect(revoked.map((w) => [w.target, w.verified, w.body.data.certificate])).toEqual([
      [INSURERS.city.id, true, "authentication"],
    ]);
  });

  it("keeps the insurer's webhook secret sealed at rest and still signs its account.registered with it", async () => {
    const stored = (await h.ctx.store.tenants.getTenant(INSURERS.city.id))?.webhookSecret ?? "";
    expect(h.ctx.secrets.isSealed(stored)).toBe(true);
    expect(stored).not.toContain(h.webhookSecrets[INSURERS.city.id]?.slice("whsec_".length) ?? "none");
    const { accountId } = await registered("city");
    await h.deliver();
    const delivered = h.webhooks.find(
      (w) => w.body.type === "account.registered" && w.body.data.accountId === accountId,
    );
    expect(delivered).toMatchObject({ target: INSURERS.city.id, verified: true });
  });
});
