import { readFileSync, writeFileSync } from "node:fs";
import { decodeFourInfoSubjectAltName, PKIX_OID } from "@catv/jpki";
import { cardImageSchema } from "@catv/jpki/card-image";
import { x509 } from "@catv/jpki/x509";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_RESIDENT, startTestService } from "../testing/test-service.ts";
import { changeResidentDetails } from "./change-resident-details.ts";
import { issueCard } from "./issue-card.ts";
import { encodePublishedCrl } from "./publish-crl.ts";
import { queryLinkage } from "./query-linkage.ts";
import { renewCardCertificates } from "./renew-card-certificates.ts";
import { reportCardLoss } from "./report-card-loss.ts";
import { revokeCertificate } from "./revoke-certificate.ts";

let service: Awaited<ReturnType<typeof startTestService>>;

async function encodeCrlToBytes(ctx: typeof service.ctx, crl: Parameters<typeof encodePublishedCrl>[1]) {
  const parts: Uint8Array[] = [];
  for await (const chunk of (await encodePublishedCrl(ctx, crl)).chunks()) parts.push(chunk);
  return Buffer.concat(parts);
}
beforeAll(async () => {
  service = await startTestService();
}, 60_000);
afterAll(() => service.dispose());

const readImage = (path: string) => cardImageSchema.parse(JSON.parse(readFileSync(path, "utf8")));

describe("a move (記載事項変更)", { timeout: 60_000 }, () => {
  it("revokes only the signature certificate, as affiliationChanged", async () => {
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const oldSign = resident.certificates.sign!.serialNumber;
    const auth = resident.certificates.auth!.serialNumber;
    await changeResidentDetails(service.ctx, resident.id, { newAddress: "富山県南砺市福光2000番地" });
    expect(await queryLinkage(service.ctx, { serialNumber: oldSign, certificateType: "sign" })).toMatchObject(
      {
        status: "revoked",
        revocationReason: "affiliationChanged",
      },
    );
    expect((await queryLinkage(service.ctx, { serialNumber: auth, certificateType: "auth" })).status).toBe(
      "good",
    );
  });

  it("writes a new signature certificate and key into the same card, keeping PIN counters", async () => {
    const issued = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const before = readImage(issued.cardImagePath);
    writeFileSync(
      issued.cardImagePath,
      JSON.stringify({ ...before, counters: { ...before.counters, authPinRemaining: 1 } }),
    );
    const after = await changeResidentDetails(service.ctx, issued.resident.id, {
      newAddress: "富山県南砺市福光2000番地",
    });
    const image = readImage(issued.cardImagePath);
    expect(after.cardId).toBe(issued.cardId);
    expect(image.jpki.signPrivateKey).not.toBe(before.jpki.signPrivateKey);
    expect(image.jpki.authCertificate).toBe(before.jpki.authCertificate);
    expect(image.counters.authPinRemaining).toBe(1);
    const san = new x509.X509Certificate(Buffer.from(image.jpki.signCertificate, "base64")).getExtension(
      PKIX_OID.subjectAltName,
    );
    expect(decodeFourInfoSubjectAltName(new Uint8Array(san!.value)).address).toBe("富山県南砺市福光2000番地");
  });

  it("links the old signature serial to the new one and pairs the new one with the auth certificate", async () => {
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const oldSign = resident.certificates.sign!.serialNumber;
    const auth = resident.certificates.auth!.serialNumber;
    const after = await changeResidentDetails(service.ctx, resident.id, { newName: "髙橋 美咲子" });
    const newSign = after.certificates.sign!.serialNumber;
    expect(
      (await queryLinkage(service.ctx, { serialNumber: oldSign, certificateType: "sign" })).supersededBy,
    ).toBe(newSign);
    expect(await queryLinkage(service.ctx, { serialNumber: newSign, certificateType: "sign" })).toMatchObject(
      {
        supersedes: oldSign,
        pairedSerialNumber: auth,
      },
    );
    expect(
      (await queryLinkage(service.ctx, { serialNumber: auth, certificateType: "auth" })).pairedSerialNumber,
    ).toBe(newSign);
  });
});

describe("renewal (更新)", { timeout: 60_000 }, () => {
  it("replaces both certificates, revoking the old ones as superseded with old→new linkage", async () => {
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const after = await renewCardCertificates(service.ctx, resident.id);
    for (const type of ["sign", "auth"] as const) {
      const old = resident.certificates[type]!.serialNumber;
      const fresh = after.certificates[type]!.serialNumber;
      expect(await queryLinkage(service.ctx, { serialNumber: old, certificateType: type })).toMatchObject({
        status: "revoked",
        revocationReason: "superseded",
        supersededBy: fresh,
      });
      expect((await queryLinkage(service.ctx, { serialNumber: fresh, certificateType: type })).status).toBe(
        "good",
      );
    }
    expect(after.cardId).toBe(resident.cardId);
  });
});

describe("loss (紛失)", { timeout: 60_000 }, () => {
  it("revokes both certificates as keyCompromise and marks the card lost", async () => {
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const after = await reportCardLoss(service.ctx, resident.id);
    expect(after.cardStatus).toBe("lost");
    expect(after.certificates.sign).toMatchObject({ status: "revoked", revocationReason: "keyCompromise" });
    expect(after.certificates.auth).toMatchObject({ status: "revoked", revocationReason: "keyCompromise" });
  });

  it("issues a new card with a new card ID when a lost card is renewed", async () => {
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    await reportCardLoss(service.ctx, resident.id);
    const after = await renewCardCertificates(service.ctx, resident.id);
    expect(after.cardId).not.toBe(resident.cardId);
    expect(after.cardStatus).toBe("active");
    expect(after.certificates.auth?.status).toBe("good");
  });

  it("refuses a move while the card is lost", async () => {
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    await reportCardLoss(service.ctx, resident.id);
    await expect(
      changeResidentDetails(service.ctx, resident.id, { newAddress: "どこか" }),
    ).rejects.toMatchObject({
      code: "card_lost",
    });
  });
});

describe("revoking one certificate", { timeout: 60_000 }, () => {
  it("refuses to revoke a certificate twice", async () => {
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const serial = resident.certificates.auth!.serialNumber;
    await revokeCertificate(service.ctx, serial, "unspecified");
    await expect(revokeCertificate(service.ctx, serial, "keyCompromise")).rejects.toMatchObject({
      code: "certificate_already_revoked",
    });
  });

  it("publishes a delta CRL on the newest full CRL that lists the revoked serial with its reason", async () => {
    const before = (await service.ctx.repo.latestCrl("sign"))!;
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const serial = resident.certificates.sign!.serialNumber;
    await revokeCertificate(service.ctx, serial.toUpperCase(), "privilegeWithdrawn");
    const after = (await service.ctx.repo.latestCrl("sign"))!;
    expect(after.crlNumber).toBeGreaterThan(before.crlNumber);
    expect(after.scope).toBe("delta");
    expect(after.baseCrlNumber).toBe((await service.ctx.repo.latestCrl("sign", "full"))!.crlNumber);
    const crl = new x509.X509Crl(await encodeCrlToBytes(service.ctx, after));
    const entry = crl.entries.find((e) => e.serialNumber.toLowerCase() === serial);
    expect(entry?.reason).toBe(x509.X509CrlReason.privilegeWithdrawn);
  });
});

describe("concurrent life-cycle operations", { timeout: 60_000 }, () => {
  it("serialises a move and a renewal of the same resident into one old→new chain", async () => {
    const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
    const first = resident.certificates.sign!.serialNumber;
    await Promise.all([
      changeResidentDetails(service.ctx, resident.id, { newAddress: "富山県南砺市福光2000番地" }),
      renewCardCertificates(service.ctx, resident.id),
    ]);
    const chain = [first];
    for (
      let next = (await queryLinkage(service.ctx, { serialNumber: first, certificateType: "sign" }))
        .supersededBy;
      next;
    ) {
      chain.push(next);
      next = (await queryLinkage(service.ctx, { serialNumber: next, certificateType: "sign" })).supersededBy;
    }
    expect(chain).toHaveLength(3);
    expect(
      (await queryLinkage(service.ctx, { serialNumber: chain[2]!, certificateType: "sign" })).status,
    ).toBe("good");
  });
});
