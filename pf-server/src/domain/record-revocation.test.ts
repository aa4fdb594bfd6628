import { describe, expect, it } from "vitest";
import { publishCrl } from "../jlis/domain/publish-crl.ts";
import { registeredCard } from "../testing/harness-for-file.ts";
import {
  accountIdAt,
  INSURERS,
  medicalHarnessForFile,
  registerAtReception,
} from "../testing/medical-fixture.ts";
import { errorCode, loginWithPin, type Tokens } from "../testing/pf-harness.ts";

// The medical field is there too: a person may hold accounts at an operator and at an insurer.
const { h, m } = medicalHarnessForFile();

const me = (accessToken: string, terminal = h.terminals.b1) =>
  h.call(terminal, "GET", "/v1/me", undefined, accessToken);
const revokedEvents = (cableId: string) =>
  h.webhooks.filter((w) => w.body.type === "cable_id.revoked" && w.body.data.cableId === cableId);
/** The rows only `recordRevocation` writes, for this viewer. */
const recordedRows = async (cableId: string) =>
  (await h.audit()).filter((row) => row.event.startsWith("revocation.recorded") && row.accountId === cableId);

describe("a registered certificate found revoked by a CRL load", { timeout: 60_000 }, () => {
  it("ends the viewer's sessions at the CRL load that lists the lost card, before the card is shown again", async () => {
    const { card, residentId } = await registeredCard(h, h.terminals.b1);
    const tokens = (await (await loginWithPin(h, h.terminals.b1, card)).json()) as Tokens;
    expect((await me(tokens.accessToken)).status).toBe(200);

    expect((await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {})).status).toBe(200);
    await h.ctx.crl.refreshAll();

    expect(await errorCode(await me(tokens.accessToken))).toBe("session_revoked");
  });

  it("is recorded by the same use case as an OCSP finding: audited as found by the CRL, without a terminal", async () => {
    const { cableId, residentId } = await registeredCard(h, h.terminals.b1);
    expect((await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {})).status).toBe(200);
    await h.ctx.crl.refreshAll();

    expect(
      (await recordedRows(cableId))
        .map((row) => [row.event, row.actorKind, row.actorId, row.tenantId, row.terminalId])
        .sort(),
    ).toEqual([
      ["revocation.recorded", "system", "crl", "op-b", null],
      ["revocation.recorded.sessions-ended", "system", "crl", "op-b", null],
    ]);
  });

  it("tells the operator once per certificate, however often the revocation is found again", async () => {
    const { card, cableId, residentId } = await registeredCard(h, h.terminals.b1);
    expect((await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {})).status).toBe(200);
    await h.ctx.crl.refreshAll();
    // Found again: in the next full CRL, and by the login check of the card.
    for (const type of ["sign", "auth"] as const) await publishCrl(h.jlis.ctx, type, "full");
    await h.ctx.crl.refreshAll();
    expect(await errorCode(await loginWithPin(h, h.terminals.b1, card))).toBe("certificate_revoked");

    await h.deliver();
    expect(
      revokedEvents(cableId)
        .map((w) => [w.target, w.body.data.certificate, w.body.data.reason])
        .sort(),
    ).toEqual([
      ["op-b", "authentication", "keyCompromise"],
      ["op-b", "signature", "keyCompromise"],
    ]);
    expect(await recordedRows(cableId)).toHaveLength(2);
  });

  it("keeps the sessions when the CRL revokes only the signature certificate (a move)", async () => {
    const { card, cableId, residentId } = await registeredCard(h, h.terminals.b1);
    const tokens = (await (await loginWithPin(h, h.terminals.b1, card)).json()) as Tokens;
    const moved = await h.jlisAdmin(`/admin/residents/${residentId}/move`, {
      newAddress: "長野県須坂市大字須坂1番地",
    });
    expect(moved.status).toBe(200);
    await h.ctx.crl.refreshAll();

    expect((await me(tokens.accessToken)).status).toBe(200);
    await h.deliver();
    expect(revokedEvents(cableId).map((w) => [w.body.data.certificate, w.body.data.reason])).toEqual([
      ["signature", "affiliationChanged"],
    ]);
  });

  it("ends the sessions of every account of the person and tells each verifier holding one, operator and insurer", async () => {
    const { card, cableId, residentId } = await registeredCard(h, h.terminals.b1);
    await registerAtReception(h, m.terminals.a1, card, INSURERS.city.id);
    const accountId = await accountIdAt(h, INSURERS.city.id, card);
    const tokens = (await (await loginWithPin(h, h.terminals.b1, card)).json()) as Tokens;

    expect((await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {})).status).toBe(200);
    await h.ctx.crl.refreshAll();

    expect(await errorCode(await me(tokens.accessToken))).toBe("session_revoked");
    await h.deliver();
    expect(
      revokedEvents(cableId)
        .map((w) => w.body.data.certificate)
        .sort(),
    ).toEqual(["authentication", "signature"]);
    expect(
      h.webhooks
        .filter((w) => w.body.type === "account.revoked" && w.body.data.accountId === accountId)
        .map((w) => [w.target, w.body.data.certificate])
        .sort(),
    ).toEqual([
      [INSURERS.city.id, "authentication"],
      [INSURERS.city.id, "signature"],
    ]);
    expect((await recordedRows(accountId)).map((row) => [row.actorId, row.tenantId]).sort()).toEqual([
      ["crl", INSURERS.city.id],
      ["crl", INSURERS.city.id],
    ]);
  });
});
