/**
 * @module Use case: issue a CA's CRL (RFC 5280 §5): v2, CRL number, thisUpdate/nextUpdate, one entry per revoked
 * and unexpired certificate with its reason code, signed by the CA. Run on a schedule and after each revocation;
 * one publication per CA at a time, so CRL numbers strictly increase.
 */

import { PKIX_OID } from "@catv/jpki";
import { x509 } from "@catv/jpki/x509";
import * as asn1js from "asn1js";
import { RSA_SHA256, toSigningKey, toVerifyingKey } from "../ca/rsa-keys.ts";
import type { CertificateType, CrlRecord } from "../storage/jlis-repository.ts";
import type { JlisContext } from "./jlis-context.ts";
import { reasonCode } from "./revocation-reasons.ts";

const queues = new WeakMap<JlisContext, Map<CertificateType, Promise<unknown>>>();

async function buildCrl(
  ctx: JlisContext,
  type: CertificateType,
  validitySeconds: number,
): Promise<CrlRecord> {
  const ca = ctx.cas[type];
  const thisUpdate = ctx.now();
  const nextUpdate = new Date(thisUpdate.getTime() + validitySeconds * 1000);
  const crlNumber = (ctx.repo.latestCrl(type)?.crlNumber ?? 0) + 1;
  const entries = ctx.repo
    .revokedCertificates(type)
    .filter((c) => new Date(c.notAfter) > thisUpdate)
    .map((c) => ({
      serialNumber: c.serialNumber.length % 2 ? `0${c.serialNumber}` : c.serialNumber,
      revocationDate: new Date(c.revokedAt!),
      reason: reasonCode(c.revocationReason ?? "unspecified") as x509.X509CrlReason,
    }));
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.certificate.subjectName,
    thisUpdate,
    nextUpdate,
    entries,
    signingAlgorithm: RSA_SHA256,
    signingKey: toSigningKey(ca.privateKey),
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(toVerifyingKey(ca.privateKey)),
      new x509.Extension(PKIX_OID.crlNumber, false, new asn1js.Integer({ value: crlNumber }).toBER()),
    ],
  });
  return {
    certificateType: type,
    crlNumber,
    thisUpdate: thisUpdate.toISOString(),
    nextUpdate: nextUpdate.toISOString(),
    der: new Uint8Array(crl.rawData),
  };
}

export async function publishCrl(
  ctx: JlisContext,
  type: CertificateType,
  validitySeconds: number,
): Promise<CrlRecord> {
  const perType = queues.get(ctx) ?? new Map<CertificateType, Promise<unknown>>();
  queues.set(ctx, perType);
  const previous = perType.get(type) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const crl = await buildCrl(ctx, type, validitySeconds);
      ctx.repo.insertCrl(crl);
      ctx.log.info("crl published", { certificateType: type, crlNumber: crl.crlNumber });
      return crl;
    });
  perType.set(type, next);
  return next;
}

/** The CRL to serve: the latest stored one, re-issued first if there is none or it is past its nextUpdate. */
export async function currentCrl(
  ctx: JlisContext,
  type: CertificateType,
  validitySeconds: number,
): Promise<CrlRecord> {
  const latest = ctx.repo.latestCrl(type);
  if (latest && new Date(latest.nextUpdate) > ctx.now()) return latest;
  return publishCrl(ctx, type, validitySeconds);
}
