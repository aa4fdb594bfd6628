import { x509 } from "@catv/jpki/x509";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidAccountId } from "../platform/account-id.ts";
import { cardSign, createHarness, errorCode, type Harness, register } from "../testing/pf-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(() => h.close());

describe("registration (利用者登録)", () => {
  it("issues a valid opaque cable ID and tells the operator with the 4情報", async () => {
    const { card } = await h.issue({ name: "登録 花子", birthDate: "1985-06-30", gender: "2" });
    const res = await register(h, h.terminals.a1, card);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { cableId: string; outcome: string; householdLink: string };
    expect(isValidAccountId(body.cableId)).toBe(true);
    expect(body).toMatchObject({ outcome: "new", householdLink: "pending" });
    await h.deliver();
    const event = h.webhooks.find(
      (w) => w.body.type === "cable_id.registered" && w.body.data.cableId === body.cableId,
    );
    expect(event?.verified).toBe(true);
    expect(event?.target).toBe("op-a");
    expect(event?.body.data.fourInfo).toMatchObject({
      name: "登録 花子",
      dateOfBirth: "1985-06-30",
      gender: "2",
    });
  });

  it("returns the same cable ID when the same card registers again", async () => {
    const { card } = await h.issue();
    const first = (await (await register(h, h.terminals.a1, card)).json()) as { cableId: string };
    const again = (await (await register(h, h.terminals.a2, card)).json()) as {
      cableId: string;
      outcome: string;
    };
    expect(again).toMatchObject({ cableId: first.cableId, outcome: "existing" });
  });

  it("links a renewed card's new serials to the existing cable ID and sends cable_id.updated", async () => {
    const { residentId, card } = await h.issue();
    const first = (await (await register(h, h.terminals.a1, card)).json()) as { cableId: string };
    expect((await h.jlisAdmin(`/admin/residents/${residentId}/renew`, {})).status).toBe(200);
    const renewed = await h.reloadCard(residentId);
    expect(renewed.jpki.signCertificate).not.toBe(card.jpki.signCertificate);
    const res = (await (await register(h, h.terminals.a1, renewed)).json()) as {
      cableId: string;
      outcome: string;
    };
    expect(res).toMatchObject({ cableId: first.cableId, outcome: "renewed" });
    await h.deliver();
    const updated = h.webhooks.find(
      (w) => w.body.type === "cable_id.updated" && w.body.data.cableId === first.cableId,
    );
    expect(updated?.body.data.reason).toBe("renewed");
  });

  it("re-links after a move (new signature certificate, same user-authentication one) as re-issued", async () => {
    const { residentId, card } = await h.issue();
    const first = (await (await register(h, h.terminals.a1, card)).json()) as { cableId: string };
    expect(
      (await h.jlisAdmin(`/admin/residents/${residentId}/move`, { newAddress: "富山県南砺市新町1番地" }))
        .status,
    ).toBe(200);
    const moved = await h.reloadCard(residentId);
    const res = (await (await register(h, h.terminals.a1, moved)).json()) as {
      cableId: string;
      outcome: string;
    };
    expect(res).toMatchObject({ cableId: first.cableId, outcome: "renewed" });
    await h.deliver();
    const updated = h.webhooks.find(
      (w) => w.body.type === "cable_id.updated" && w.body.data.cableId === first.cableId,
    );
    expect(updated?.body.data).toMatchObject({
      reason: "reissued",
      fourInfo: { address: "富山県南砺市新町1番地" },
    });
  });

  it("refuses a user-authentication certificate offered as the signature certificate (certificate_wrong_type)", async () => {
    const { card } = await h.issue();
    const res = await register(h, h.terminals.a1, card, { signatureCertificate: card.jpki.authCertificate });
    expect(await errorCode(res)).toBe("certificate_wrong_type");
  });

  it("refuses a signature made with another key (signature_invalid)", async () => {
    const { card } = await h.issue();
    const res = await register(h, h.terminals.a1, card, {
      signature: cardSign(card.jpki.authPrivateKey, Buffer.from("other")),
    });
    expect(await errorCode(res)).toBe("signature_invalid");
  });

  it("refuses bytes that are not a certificate (certificate_malformed)", async () => {
    const { card } = await h.issue();
    const res = await register(h, h.terminals.a1, card, {
      signatureCertificate: Buffer.from("not a certificate at all, really not, no".repeat(3)).toString(
        "base64",
      ),
    });
    expect(await errorCode(res)).toBe("certificate_malformed");
  });

  it("refuses a certificate from a CA that is not J-LIS's (certificate_unknown_issuer)", async () => {
    const { card } = await h.issue();
    const keys = await crypto.subtle.generateKey(
      {
        name: "RSASSA-PKCS1-v1_5",
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: "SHA-256",
      },
      true,
      ["sign", "verify"],
    );
    const foreign = await x509.X509CertificateGenerator.createSelfSigned({
      name: "C=JP, O=Not J-LIS, CN=Impostor",
      keys,
      signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      notBefore: new Date(Date.now() - 86400_000),
      notAfter: new Date(Date.now() + 86400_000),
    });
    const res = await register(h, h.terminals.a1, card, {
      signatureCertificate: Buffer.from(foreign.rawData).toString("base64"),
    });
    expect(await errorCode(res)).toBe("certificate_unknown_issuer");
  });

  it("refuses an expired certificate (certificate_expired)", async () => {
    const { card } = await h.issue();
    h.clock.offsetMs = 20 * 365 * 86400_000;
    try {
      expect(await errorCode(await register(h, h.terminals.a1, card))).toBe("certificate_expired");
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it("refuses a certificate before its validity period (certificate_not_yet_valid)", async () => {
    const { card } = await h.issue();
    h.clock.offsetMs = -2 * 86400_000;
    try {
      const res = await register(h, h.terminals.a1, card, {
        consent: { textVersion: "2026-04", acceptedAt: h.clock.now().toISOString() },
      });
      expect(await errorCode(res)).toBe("certificate_not_yet_valid");
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it("refuses a user-authentication certificate from another card (certificate_pair_mismatch)", async () => {
    const { card } = await h.issue();
    const { card: other } = await h.issue();
    const res = await register(h, h.terminals.a1, card, {
      authenticationCertificate: other.jpki.authCertificate,
    });
    expect(await errorCode(res)).toBe("certificate_pair_mismatch");
  });

  it("refuses a card reported lost (certificate_revoked)", async () => {
    const { residentId, card } = await h.issue();
    expect((await h.jlisAdmin(`/admin/residents/${residentId}/report-loss`, {})).status).toBe(200);
    expect(await errorCode(await register(h, h.terminals.a1, card))).toBe("certificate_revoked");
  });

  it("fails closed when J-LIS cannot be reached (revocation_unavailable)", async () => {
    const { card } = await h.issue();
    h.setJlisDown(true);
    try {
      const res = await register(h, h.terminals.a1, card);
      expect(res.status).toBe(503);
      expect(await errorCode(res)).toBe("revocation_unavailable");
    } finally {
      h.setJlisDown(false);
    }
  });

  it("refuses a registration without consent (consent_required)", async () => {
    const { card } = await h.issue();
    const res = await register(h, h.terminals.a1, card, {
      consent: { textVersion: " ", acceptedAt: new Date().toISOString() },
    });
    expect(await errorCode(res)).toBe("consent_required");
  });

  it("links an assisted registration to the household member staff named", async () => {
    const open = await h.app.request("/v1/operator/assisted-registrations", {
      method: "POST",
      headers: { authorization: `Bearer ${h.operatorKeys.a}`, "content-type": "application/json" },
      body: JSON.stringify({ terminalId: h.terminals.a2.terminalId, contractId: "HH-0001", memberId: "M-2" }),
    });
    expect(open.status).toBe(201);
    const { card } = await h.issue();
    const res = (await (await register(h, h.terminals.a2, card)).json()) as {
      cableId: string;
      householdLink: string;
    };
    expect(res.householdLink).toBe("linked");
    await h.deliver();
    const event = h.webhooks.find(
      (w) => w.body.type === "cable_id.registered" && w.body.data.cableId === res.cableId,
    );
    expect(event?.body.data.assisted).toEqual({ contractId: "HH-0001", memberId: "M-2" });
  });

  it("keeps certificate serials and birth dates out of the logs", async () => {
    const { card } = await h.issue({ birthDate: "1977-07-07" });
    await register(h, h.terminals.a1, card);
    const joined = h.logs.join("\n");
    expect(joined).not.toContain("1977-07-07");
    expect(joined).not.toContain(card.jpki.signCertificate.slice(0, 40));
  });
});
