/**
 * 利用者登録 at a reception with staff help (参考１－１) over HTTP: the chosen insurer (one of the site's) gets a
 * 共通的PFID and `account.registered` with the 4情報 through the outbox; the terminal learns the outcome only.
 */
import {
  accountRegisteredEventSchema,
  receptionRegistrationResponseSchema,
  receptionSiteSchema,
} from "@catv/contracts";
import { describe, expect, it } from "vitest";
import { monthOf } from "../../platform/clock.ts";
import {
  accountIdAt,
  INSTITUTION_CODES,
  INSURERS,
  medicalHarnessForFile,
  registerAtReception,
} from "../../testing/medical-fixture.ts";
import { errorCode } from "../../testing/pf-harness.ts";

const { h, m } = medicalHarnessForFile();

describe("registration at the reception (利用者登録, with staff help)", { timeout: 15_000 }, () => {
  it("shows the terminal its institution, 医療機関コード and the insurers it may register with", async () => {
    const res = await h.call(m.terminals.b1, "GET", "/v1/reception/site");
    expect(receptionSiteSchema.parse(await res.json())).toMatchObject({
      siteId: m.sites.b,
      siteKind: "in-person",
      medicalInstitutionCode: INSTITUTION_CODES.b,
      verifiers: [{ verifierId: INSURERS.city.id, name: INSURERS.city.name }],
    });
  });

  it("registers the patient with the chosen insurer, pending until its staff link them", async () => {
    const { card } = await h.issue();
    const res = await registerAtReception(h, m.terminals.a1, card, INSURERS.kenpo.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(receptionRegistrationResponseSchema.strict().parse(body)).toEqual({
      verifierId: INSURERS.kenpo.id,
      verifierName: INSURERS.kenpo.name,
      outcome: "new",
      linkStatus: "pending",
    });
  });

  it("tells only the chosen insurer, with the 4情報 and where the patient registered", async () => {
    const { card } = await h.issue({ name: "受付 花子", birthDate: "1975-06-01", gender: "2" });
    await registerAtReception(h, m.terminals.a1, card, INSURERS.city.id);
    const accountId = await accountIdAt(h, INSURERS.city.id, card);
    await h.deliver();
    const received = h.webhooks.filter((w) => JSON.stringify(w.body).includes(accountId));
    expect(received.map((w) => [w.target, w.verified])).toEqual([[INSURERS.city.id, true]]);
    const event = accountRegisteredEventSchema.parse(received[0]?.body);
    expect(event.data).toMatchObject({
      accountId,
      via: { channel: "terminal", siteKind: "in-person" },
      fourInfo: { name: "受付 花子", dateOfBirth: "1975-06-01", gender: "2" },
    });
  });

  it("issues each insurer its own unrelated 共通的PFID for the same person", async () => {
    const { card } = await h.issue();
    await registerAtReception(h, m.terminals.a1, card, INSURERS.city.id);
    await registerAtReception(h, m.terminals.a1, card, INSURERS.kenpo.id);
    const city = await accountIdAt(h, INSURERS.city.id, card);
    const kenpo = await accountIdAt(h, INSURERS.kenpo.id, card);
    expect(city).not.toBe(kenpo);
  });

  it("answers existing when the same card registers with the same insurer again", async () => {
    const { card } = await h.issue();
    await registerAtReception(h, m.terminals.a1, card, INSURERS.city.id);
    const again = await registerAtReception(h, m.terminals.a2, card, INSURERS.city.id);
    expect(await again.json()).toMatchObject({ outcome: "existing", linkStatus: "pending" });
  });

  it("tells every insurer of the person of a renewed card in account.updated, under its own 共通的PFID", async () => {
    const { residentId, card } = await h.issue();
    await registerAtReception(h, m.terminals.a1, card, INSURERS.city.id);
    await registerAtReception(h, m.terminals.a1, card, INSURERS.kenpo.id);
    const ids = [await accountIdAt(h, INSURERS.city.id, card), await accountIdAt(h, INSURERS.kenpo.id, card)];
    await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {});
    expect((await h.jlisAdmin(`/admin/residents/${residentId}/renew`, {})).status).toBe(200);
    const renewed = await registerAtReception(
      h,
      m.terminals.a1,
      await h.reloadCard(residentId),
      INSURERS.city.id,
    );
    expect(await renewed.json()).toMatchObject({ outcome: "renewed" });
    await h.deliver();
    const updates = h.webhooks
      .filter((w) => w.body.type === "account.updated" && ids.includes(String(w.body.data.accountId)))
      .map((w) => [w.target, w.body.data.accountId, w.body.data.reason]);
    expect(updates).toEqual(
      expect.arrayContaining([
        [INSURERS.city.id, ids[0], "renewed"],
        [INSURERS.kenpo.id, ids[1], "renewed"],
      ]),
    );
    expect(updates).toHaveLength(2);
  });

  it("refuses an insurer the site may not consult (verifier_not_allowed_at_site), and audits the refusal", async () => {
    const { card } = await h.issue();
    const res = await registerAtReception(h, m.terminals.b1, card, INSURERS.kenpo.id);
    expect(await errorCode(res)).toBe("verifier_not_allowed_at_site");
    expect((await h.audit()).at(-1)).toMatchObject({
      event: "reception.registration",
      outcome: "failure",
      code: "verifier_not_allowed_at_site",
      terminalId: m.terminals.b1.terminalId,
    });
  });

  it("refuses a registration without consent (consent_required)", async () => {
    const { card } = await h.issue();
    const res = await registerAtReception(h, m.terminals.a1, card, INSURERS.city.id, {
      consent: { textVersion: " ", acceptedAt: new Date().toISOString() },
    });
    expect(await errorCode(res)).toBe("consent_required");
  });

  it("counts the registration to the insurer, not to the institution", async () => {
    const month = monthOf(h.clock.now());
    const before = await h.ctx.store.metering.monthCounts(INSURERS.kenpo.id, month);
    const hospitalBefore = await h.ctx.store.metering.monthCounts("med-a", month);
    const { card } = await h.issue();
    await registerAtReception(h, m.terminals.a1, card, INSURERS.kenpo.id);
    const after = await h.ctx.store.metering.monthCounts(INSURERS.kenpo.id, month);
    expect(after.registrations).toBe((before.registrations ?? 0) + 1);
    expect((await h.ctx.store.metering.monthCounts("med-a", month)).registrations).toBe(
      hospitalBefore.registrations,
    );
  });
});
