/**
 * @module Use cases: publish a CA's full CRL or delta CRL (RFC 5280 §5, §5.2.4), and encode a published one.
 *
 * - A full CRL lists every revoked, unexpired certificate of the CA, plus the seeded synthetic population
 *   (`synthetic-revocations.ts`) that gives the simulator a national-scale CRL; it carries a freshestCRL pointer
 *   to the delta URL. Issued on the long schedule.
 * - A delta CRL lists the revocations since the newest full CRL and names that CRL's number in its critical
 *   deltaCRLIndicator. Issued after every revocation and on the short schedule, so verifiers see a revocation
 *   within minutes without fetching the full list again.
 *
 * Full and delta CRLs share one CRL number sequence per CA (RFC 5280 §5.2.3); one publication per CA at a time,
 * so numbers strictly increase. A row records what the CRL listed; the DER is encoded from it on demand
 * (`encodePublishedCrl`), identical every time.
 */

import { x509 } from "@catv/jpki/x509";
import { AsnConvert } from "@peculiar/asn1-schema";
import {
  BaseCRLNumber,
  CRLNumber,
  DistributionPoint,
  DistributionPointName,
  FreshestCRL,
  GeneralName,
  id_ce_cRLNumber,
  id_ce_deltaCRLIndicator,
  id_ce_freshestCRL,
} from "@peculiar/asn1-x509";
import { certificateSubject, TAG, tlv } from "../../revocation/crl-der.ts";
import { type EncodedCrl, encodeCrl } from "../ca/crl-encoder.ts";
import { toVerifyingKey } from "../ca/rsa-keys.ts";
import type { CertificateType, CrlEntryRecord, CrlRecord } from "../storage/jlis-repository.ts";
import type { JlisContext } from "./jlis-context.ts";
import { reasonCode } from "./revocation-reasons.ts";

export type CrlScope = CrlRecord["scope"];

const queues = new WeakMap<JlisContext, Map<CertificateType, Promise<unknown>>>();

/** The real revocations a CRL published now lists: revoked and not yet expired (RFC 5280 §3.3). */
async function currentRevocations(
  ctx: JlisContext,
  type: CertificateType,
  at: Date,
): Promise<CrlEntryRecord[]> {
  return (await ctx.repo.revokedCertificates(type))
    .filter((c) => new Date(c.notAfter) > at)
    .map((c) => ({
      serialNumber: c.serialNumber,
      revokedAt: c.revokedAt as string,
      reason: c.revocationReason ?? "unspecified",
    }));
}

async function buildRecord(ctx: JlisContext, type: CertificateType, scope: CrlScope): Promise<CrlRecord> {
  const settings = ctx.crls;
  const thisUpdate = ctx.now();
  const crlNumber = ((await ctx.repo.latestCrl(type))?.crlNumber ?? 0) + 1;
  const revoked = await currentRevocations(ctx, type, thisUpdate);
  const base = scope === "delta" ? await ctx.repo.latestCrl(type, "full") : undefined;
  if (base) {
    const listed = new Set(base.revokedEntries.map((e) => e.serialNumber));
    return {
      certificateType: type,
      crlNumber,
      scope: "delta",
      baseCrlNumber: base.crlNumber,
      thisUpdate: thisUpdate.toISOString(),
      nextUpdate: new Date(thisUpdate.getTime() + settings.deltaValiditySeconds * 1000).toISOString(),
      revokedEntries: revoked.filter((e) => !listed.has(e.serialNumber)),
      synthetic: { count: 0, seed: "", asOf: null },
    };
  }
  return {
    certificateType: type,
    crlNumber,
    scope: "full",
    baseCrlNumber: null,
    thisUpdate: thisUpdate.toISOString(),
    nextUpdate: new Date(thisUpdate.getTime() + settings.fullValiditySeconds * 1000).toISOString(),
    revokedEntries: revoked,
    synthetic: {
      count: settings.synthetic.count,
      seed: settings.synthetic.seed,
      // The population is fixed per CA: dated up to the CA's creation, so every full CRL lists the same entries.
      asOf: ctx.cas[type].certificate.notBefore.toISOString(),
    },
  };
}

/** Publishes a full CRL, or a delta CRL on the newest full one (a full one when there is none yet). */
export async function publishCrl(
  ctx: JlisContext,
  type: CertificateType,
  scope: CrlScope,
): Promise<CrlRecord> {
  const perType = queues.get(ctx) ?? new Map<CertificateType, Promise<unknown>>();
  queues.set(ctx, perType);
  const previous = perType.get(type) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const crl = await buildRecord(ctx, type, scope);
      await ctx.repo.insertCrl(crl);
      ctx.log.info("crl published", {
        certificateType: type,
        scope: crl.scope,
        crlNumber: crl.crlNumber,
        entries: crl.revokedEntries.length + crl.synthetic.count,
      });
      return crl;
    });
  perType.set(type, next);
  return next;
}

/**
 * The CRL to serve: the newest of that scope, published anew first if there is none, it is past its
 * nextUpdate, or (a delta) a newer full CRL has replaced its base.
 */
export async function currentCrl(
  ctx: JlisContext,
  type: CertificateType,
  scope: CrlScope,
): Promise<CrlRecord> {
  const latest = await ctx.repo.latestCrl(type, scope);
  const fresh = latest && new Date(latest.nextUpdate) > ctx.now();
  const onNewestBase =
    scope === "full" || latest?.baseCrlNumber === (await ctx.repo.latestCrl(type, "full"))?.crlNumber;
  if (latest && fresh && onNewestBase) return latest;
  return publishCrl(ctx, type, scope);
}

/** The DER of a published CRL, as a stream of chunks of known total length, signed by its CA. */
export async function encodePublishedCrl(ctx: JlisContext, crl: CrlRecord): Promise<EncodedCrl> {
  const ca = ctx.cas[crl.certificateType];
  const extensions: x509.Extension[] = [
    await x509.AuthorityKeyIdentifierExtension.create(toVerifyingKey(ca.privateKey)),
    new x509.Extension(id_ce_cRLNumber, false, AsnConvert.serialize(new CRLNumber(crl.crlNumber))),
  ];
  if (crl.scope === "full") {
    const deltaUrl = `${ctx.publicUrl}/crl/${crl.certificateType}-delta.crl`;
    const pointer = new DistributionPoint({
      distributionPoint: new DistributionPointName({
        fullName: [new GeneralName({ uniformResourceIdentifier: deltaUrl })],
      }),
    });
    extensions.push(
      new x509.Extension(id_ce_freshestCRL, false, AsnConvert.serialize(new FreshestCRL([pointer]))),
    );
  } else {
    extensions.push(
      new x509.Extension(
        id_ce_deltaCRLIndicator,
        true,
        AsnConvert.serialize(new BaseCRLNumber(crl.baseCrlNumber ?? 0)),
      ),
    );
  }
  const { synthetic } = crl;
  return encodeCrl({
    issuer: certificateSubject(new Uint8Array(ca.certificate.rawData)),
    signingKey: ca.privateKey,
    thisUpdate: new Date(crl.thisUpdate),
    nextUpdate: new Date(crl.nextUpdate),
    extensions: tlv(TAG.sequence, ...extensions.map((e) => new Uint8Array(e.rawData))),
    entries: crl.revokedEntries.map((e) => ({
      serial: Buffer.from(e.serialNumber.length % 2 ? `0${e.serialNumber}` : e.serialNumber, "hex"),
      revokedAtSeconds: Math.floor(new Date(e.revokedAt).getTime() / 1000),
      reason: reasonCode(e.reason),
    })),
    synthetic:
      synthetic.count > 0 && synthetic.asOf
        ? {
            type: crl.certificateType,
            population: {
              seed: synthetic.seed,
              count: synthetic.count,
              asOfSeconds: Math.floor(new Date(synthetic.asOf).getTime() / 1000),
            },
          }
        : undefined,
  });
}
