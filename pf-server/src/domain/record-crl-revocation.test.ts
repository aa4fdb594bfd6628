import { describe, expect, it } from "vitest";
import { publishCrl } from "../jlis/domain/publish-crl.ts";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { errorCode, loginWithPin, type Tokens } from "../testing/pf-harness.ts";

const h = harnessForFile();

const revokedEvents = (cableId: string) =>
  h.webhooks.filter((w) => w.body.type === "cable_id.revoked" && w.body.data.cableId === cableId);

describe("a registered certificate found revoked in a new CRL", { timeout: 60_000 }, () => {
  it("a lost card: the viewer's open sessions end at the next CRL refresh, and the operator hears once per certificate", async () => {
    const { card, cableId, residentId } = await registeredCard(h);
    const tokens = (await (await loginWithPin(h, h.terminals.a1, card)).json()) as Tokens;
    expect((await h.call(h.terminals.a1, "GET", "/v1/me", undefined, tokens.accessToken)).status).toBe(200);

    expect((await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {})).status).toBe(200);
    await h.ctx.crl.refreshAll();

    expect(
      await errorCode(await h.call(h.terminals.a1, "GET", "/v1/me", undefined, tokens.accessToken)),
    ).toBe("session_revoked");
    await h.deliver();
    expect(
      revokedEvents(cableId)
        .map((w) => [w.target, w.body.data.certificate, w.body.data.reason])
        .sort(),
    ).toEqual([
      ["op-a", "authentication", "keyCompromise"],
      ["op-a", "signature", "keyCompromise"],
    ]);

    // Seen again in the next full CRL and at login: recorded already, so no second event.
    for (const type of ["sign", "auth"] as const) await publishCrl(h.jlis.ctx, type, "full");
    await h.ctx.crl.refreshAll();
    expect(await errorCode(await loginWithPin(h, h.terminals.a1, card))).toBe("certificate_revoked");
    await h.deliver();
    expect(revokedEvents(cableId)).toHaveLength(2);
  });

  it("a move revokes only the signature certificate: the sessions stay open and the operator hears of it", async () => {
    const { card, cableId, residentId } = await registeredCard(h);
    const tokens = (await (await loginWithPin(h, h.terminals.a1, card)).json()) as Tokens;
    const moved = await h.jlisAdmin(`/admin/residents/${residentId}/move`, {
      newAddress: "富山県南砺市新町1番地",
    });
    expect(moved.status).toBe(200);
    await h.ctx.crl.refreshAll();

    expect((await h.call(h.terminals.a1, "GET", "/v1/me", undefined, tokens.accessToken)).status).toBe(200);
    await h.deliver();
    expect(revokedEvents(cableId).map((w) => [w.body.data.certificate, w.body.data.reason])).toEqual([
      ["signature", "affiliationChanged"],
    ]);
  });
});
