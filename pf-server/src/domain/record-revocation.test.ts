import { describe, expect, it } from "vitest";
import { publishCrl } from "../jlis/domain/publish-crl.ts";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { errorCode, loginWithPin, type Tokens } from "../testing/pf-harness.ts";

const h = harnessForFile();

const me = (accessToken: string, terminal = h.terminals.b1) =>
  h.call(terminal, "GET", "/v1/me", undefined, accessToken);
const revokedEvents = (cableId: string) =>
  h.webhooks.filter((w) => w.body.type === "cable_id.revoked" && w.body.data.cableId === cableId);
/** The rows only `recordRevocation` writes, for this viewer. */
const recordedRows = async (cableId: string) =>
  (await h.audit()).filter((row) => row.event.startsWith("revocation.recorded") && row.cableId === cableId);

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
        .map((row) => [row.event, row.actorKind, row.actorId, row.operatorId, row.terminalId])
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
});
