/**
 * Recognition at a hospital reception (参考１－３ (1)) over HTTP: PIN-less by default, PIN when the terminal asks,
 * for a patient registered with an insurer of the site; the institution's pairwise patient reference; metering
 * per site; warnings for staff; audit without personal data.
 */
import { receptionRecognitionResponseSchema } from "@catv/contracts";
import { describe, expect, it } from "vitest";
import { monthOf } from "../../platform/clock.ts";
import {
  asTenant,
  INSURERS,
  linkedPatient,
  medicalHarnessForFile,
  recognisePin,
  recognisePinless,
  registerAtReception,
} from "../../testing/medical-fixture.ts";
import { errorCode } from "../../testing/pf-harness.ts";

const { h, m } = medicalHarnessForFile();
const recognition = async (res: Response) => {
  expect(res.status).toBe(200);
  return receptionRecognitionResponseSchema.parse(await res.json());
};

describe("recognising a patient at the reception", { timeout: 15_000 }, () => {
  it("recognises a registered patient by a touch of the card, without a PIN", async () => {
    const { card } = await linkedPatient(h, m);
    const r = await recognition(await recognisePinless(h, m.terminals.a1, card));
    expect(r).toMatchObject({ acr: "urn:catv:acr:pinless", siteKind: "in-person" });
    expect(r.registrations).toEqual([
      { verifierId: INSURERS.city.id, verifierName: INSURERS.city.name, linkStatus: "linked" },
    ]);
  });

  it("recognises the patient with the PIN when the terminal asks for it", async () => {
    const { card } = await linkedPatient(h, m);
    const r = await recognition(await recognisePin(h, m.terminals.a1, card));
    expect(r.acr).toBe("urn:catv:acr:pin");
  });

  it("answers the same patient reference at every visit to the institution, at any of its terminals", async () => {
    const { card } = await linkedPatient(h, m);
    const first = await recognition(await recognisePinless(h, m.terminals.a1, card));
    const again = await recognition(await recognisePin(h, m.terminals.a2, card));
    expect(first.firstVisit).toBe(true);
    expect(again.firstVisit).toBe(false);
    expect(again.patientReference).toBe(first.patientReference);
  });

  it("gives another institution another patient reference for the same patient", async () => {
    const { card, accountId } = await linkedPatient(h, m);
    const atA = await recognition(await recognisePinless(h, m.terminals.a1, card));
    const atB = await recognition(await recognisePinless(h, m.terminals.b1, card));
    expect(atB.patientReference).not.toBe(atA.patientReference);
    expect(JSON.stringify(atB)).not.toContain(accountId);
  });

  it("shows a registration the insurer has not linked yet as pending", async () => {
    const { card } = await h.issue();
    await registerAtReception(h, m.terminals.a1, card, INSURERS.kenpo.id);
    const r = await recognition(await recognisePinless(h, m.terminals.a1, card));
    expect(r.registrations).toEqual([
      { verifierId: INSURERS.kenpo.id, verifierName: INSURERS.kenpo.name, linkStatus: "pending" },
    ]);
  });

  it("answers card_not_registered to a card registered with no insurer", async () => {
    const { card } = await h.issue();
    expect(await errorCode(await recognisePinless(h, m.terminals.a1, card))).toBe("card_not_registered");
    expect(await errorCode(await recognisePin(h, m.terminals.a1, card))).toBe("card_not_registered");
  });

  it("answers card_not_registered at a reception whose site does not consult the patient's insurer", async () => {
    const { card } = await linkedPatient(h, m, "kenpo");
    expect(await errorCode(await recognisePinless(h, m.terminals.b1, card))).toBe("card_not_registered");
  });

  it("binds a renewed card (new 券面 key after a loss) for PIN-less use at one PIN recognition", async () => {
    const { residentId, accountId } = await linkedPatient(h, m);
    await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {});
    expect((await h.jlisAdmin(`/admin/residents/${residentId}/renew`, {})).status).toBe(200);
    const renewed = await h.reloadCard(residentId);
    expect(await errorCode(await recognisePinless(h, m.terminals.a1, renewed))).toBe("pinless_card_mismatch");
    await recognition(await recognisePin(h, m.terminals.a1, renewed, true));
    await recognition(await recognisePinless(h, m.terminals.a1, renewed));
    expect(await h.audit()).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: "card-binding.replaced", accountId })]),
    );
  });

  it("counts recognitions per reception site for the institution, by PIN and PIN-less", async () => {
    const month = monthOf(h.clock.now());
    const before = await h.ctx.store.metering.monthCounts("med-b", month);
    const { card } = await linkedPatient(h, m);
    await recognition(await recognisePinless(h, m.terminals.b1, card));
    await recognition(await recognisePin(h, m.terminals.b1, card));
    const after = await h.ctx.store.metering.monthCounts("med-b", month);
    const key = (metric: string) => `${metric}@${m.sites.b}`;
    expect(after[key("recognitions.pinless")]).toBe((before[key("recognitions.pinless")] ?? 0) + 1);
    expect(after[key("recognitions.pin")]).toBe((before[key("recognitions.pin")] ?? 0) + 1);
  });

  it("audits a recognition with the terminal and the 共通的PFID, never a serial or birth date", async () => {
    const { card, accountId } = await linkedPatient(h, m);
    await recognition(await recognisePinless(h, m.terminals.a1, card));
    const rows = (await h.audit()).filter((r) => r.event === "reception.recognition.pinless");
    expect(rows.at(-1)).toMatchObject({
      outcome: "success",
      terminalId: m.terminals.a1.terminalId,
      tenantId: "med-a",
      accountId,
    });
    const logged = JSON.stringify([await h.audit(), h.logs]);
    expect(logged).not.toContain("1980-02-17");
    expect(logged).not.toContain("19800217");
  });

  it("tells the institution's back office the patient's registrations by its own reference only", async () => {
    const { card } = await linkedPatient(h, m);
    const { patientReference } = await recognition(await recognisePinless(h, m.terminals.a1, card));
    const own = await asTenant(
      h,
      m.institutionKeys.a,
      "GET",
      `/v1/institution/patient-references/${patientReference}`,
    );
    expect(await own.json()).toMatchObject({
      patientReference,
      registrations: [{ verifierId: INSURERS.city.id, linkStatus: "linked" }],
    });
    const other = await asTenant(
      h,
      m.institutionKeys.b,
      "GET",
      `/v1/institution/patient-references/${patientReference}`,
    );
    expect(await errorCode(other)).toBe("patient_reference_unknown");
  });
});
