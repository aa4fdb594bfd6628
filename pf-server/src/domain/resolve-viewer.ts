/**
 * @module Finds the cable ID a certificate belongs to: directly by serial, or through J-LIS's 証明書新旧紐付け
 * (old→new serial linkage) when the card was renewed or re-issued since it was registered.
 */
import type { LinkageAnswer } from "@catv/contracts";
import { normalizeSerial } from "../pki/validate-certificate.ts";
import { fail } from "../platform/errors.ts";
import type { CertificateKind, CertificateRecord } from "../storage/repositories.ts";
import type { PfContext } from "./context.ts";

/** Renewal chains are short (one per 5 years); the bound stops a malformed linkage loop. */
const MAX_LINKAGE_HOPS = 8;

export async function findCertificateByLinkage(
  ctx: PfContext,
  serialHex: string,
  kind: CertificateKind,
  first?: LinkageAnswer,
): Promise<CertificateRecord | undefined> {
  let answer = first ?? (await ctx.jlis.linkage(serialHex, kind));
  for (let hop = 0; answer?.supersedes && hop < MAX_LINKAGE_HOPS; hop++) {
    const older = normalizeSerial(answer.supersedes);
    const known = await ctx.store.viewers.findCertificate(older, kind);
    if (known) return known;
    answer = await ctx.jlis.linkage(older, kind);
  }
  return undefined;
}

/**
 * The registered viewer behind a validated user-authentication certificate (login and PIN-less start), with the
 * certificate record it was found by — the record of an older card when found through the linkage.
 */
export async function findViewerByAuthCertificate(ctx: PfContext, authSerialHex: string) {
  const record =
    (await ctx.store.viewers.findCertificate(authSerialHex, "auth")) ??
    (await findCertificateByLinkage(ctx, authSerialHex, "auth"));
  if (!record) throw fail("card_not_registered");
  // Refused when the presented certificate itself was found revoked. An older certificate reached through the
  // linkage is revoked as a matter of course (a renewal or a loss revokes it) and says nothing of the new one,
  // whose own status the revocation check decides.
  if (record.serialHex === authSerialHex && record.status === "revoked") throw fail("certificate_revoked");
  const viewer = await ctx.store.viewers.getViewer(record.cableId);
  if (!viewer) throw fail("card_not_registered");
  return { record, viewer };
}
