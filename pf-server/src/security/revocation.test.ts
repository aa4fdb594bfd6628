/**
 * Attacks that count on revocation lagging: a card reported lost keeps working from a cached OCSP "good", or its
 * sessions go on after the revocation is known. Under the immediate (OCSP) policy a good answer is reused for a
 * few seconds only, and any revocation found ends the viewer's sessions.
 */

import { x509 } from "@catv/jpki/x509";
import { describe, expect, it } from "vitest";
import { recordRevocation } from "../domain/record-revocation.ts";
import { normalizeSerial } from "../pki/validate-certificate.ts";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { errorCode, loginWithPin, type Tokens } from "../testing/pf-harness.ts";

const h = harnessForFile();
const me = (accessToken: string, terminal = h.terminals.a1) =>
  h.call(terminal, "GET", "/v1/me", undefined, accessToken);
const reportLoss = async (residentId: string) =>
  expect((await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {})).status).toBe(200);
const serialOf = (base64: string) =>
  normalizeSerial(new x509.X509Certificate(Buffer.from(base64, "base64")).serialNumber);
const revokedEventsFor = async (cableId: string) =>
  (await h.ctx.store.outbox.list({ limit: 1000 })).filter(
    (e) => e.type === "cable_id.revoked" && e.payload.includes(cableId),
  );

async function withClockAhead<T>(ms: number, run: () => Promise<T>): Promise<T> {
  h.clock.offsetMs = ms;
  try {
    return await run();
  } finally {
    h.clock.offsetMs = 0;
  }
}

describe("revocation under the immediate (OCSP) policy", () => {
  it("refuses a card reported lost seconds after J-LIS answered good for it", async () => {
    const { residentId, card } = await registeredCard(h, h.terminals.a1);
    expect((await loginWithPin(h, h.terminals.a1, card)).status).toBe(200);
    await reportLoss(residentId);
    await withClockAhead(6_000, async () => {
      expect(await errorCode(await loginWithPin(h, h.terminals.a1, card))).toBe("certificate_revoked");
    });
  });

  it("ends the viewer's open sessions when the user-authentication certificate is found revoked", async () => {
    const { residentId, card } = await registeredCard(h, h.terminals.a1);
    const tokens = (await (await loginWithPin(h, h.terminals.a1, card)).json()) as Tokens;
    await reportLoss(residentId);
    await withClockAhead(6_000, async () => {
      // Someone tries the card again on another STB: the PF learns of the revocation there.
      expect(await errorCode(await loginWithPin(h, h.terminals.a2, card))).toBe("certificate_revoked");
      expect(await errorCode(await me(tokens.accessToken))).toBe("session_revoked");
      const refresh = await h.call(h.terminals.a1, "POST", "/v1/sessions/refresh", {
        refreshToken: tokens.refreshToken,
      });
      expect(await errorCode(refresh)).toBe("session_revoked");
    });
  });

  it("sends the operator one cable_id.revoked event however often the revocation is found", async () => {
    const { residentId, card, cableId } = await registeredCard(h, h.terminals.a1);
    await reportLoss(residentId);
    await withClockAhead(6_000, async () => {
      for (let i = 0; i < 3; i++)
        expect(await errorCode(await loginWithPin(h, h.terminals.a1, card))).toBe("certificate_revoked");
    });
    expect(await revokedEventsFor(cableId)).toHaveLength(1);
  });
});

describe("after a revocation", () => {
  it("lets the new card issued after a loss log in with the PIN, though the lost card was found revoked", async () => {
    const { residentId, card, cableId } = await registeredCard(h, h.terminals.a1);
    await reportLoss(residentId);
    await withClockAhead(6_000, async () => {
      expect(await errorCode(await loginWithPin(h, h.terminals.a1, card))).toBe("certificate_revoked");
    });
    expect((await h.jlisAdmin(`/admin/residents/${residentId}/renew`, {})).status).toBe(200);
    const renewed = await h.reloadCard(residentId);
    const res = await loginWithPin(h, h.terminals.a1, renewed);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ cableId });
  });
});

describe("recording a revocation", () => {
  it("records it once: a second finding changes nothing", async () => {
    const { card } = await registeredCard(h);
    const found = {
      serialHex: serialOf(card.jpki.authCertificate),
      kind: "auth" as const,
      reason: "keyCompromise",
      revokedAt: new Date().toISOString(),
      source: "crl" as const,
    };
    expect((await recordRevocation(h.ctx, found)).recorded).toBe(true);
    expect((await recordRevocation(h.ctx, found)).recorded).toBe(false);
  });

  it("keeps the sessions when only the signature certificate is revoked (a move)", async () => {
    const { card, cableId } = await registeredCard(h);
    const tokens = (await (await loginWithPin(h, h.terminals.a1, card)).json()) as Tokens;
    const result = await recordRevocation(h.ctx, {
      serialHex: serialOf(card.jpki.signCertificate),
      kind: "sign",
      reason: "affiliationChanged",
      revokedAt: new Date().toISOString(),
      source: "crl",
    });
    expect(result).toEqual({ recorded: true, accountIds: [cableId] });
    expect((await me(tokens.accessToken)).status).toBe(200);
  });

  it("ends the sessions when a CRL operator's check finds the user-authentication certificate revoked", async () => {
    const { residentId, card } = await registeredCard(h, h.terminals.b1);
    const tokens = (await (await loginWithPin(h, h.terminals.b1, card)).json()) as Tokens;
    await reportLoss(residentId);
    await h.ctx.crl.refreshAll();
    expect(await errorCode(await loginWithPin(h, h.terminals.b1, card))).toBe("certificate_revoked");
    expect(await errorCode(await me(tokens.accessToken, h.terminals.b1))).toBe("session_revoked");
  });
});
