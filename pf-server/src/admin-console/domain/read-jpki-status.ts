/**
 * @module The JPKI side at a glance: the trust anchors J-LIS publishes (CA certificates per purpose, 券面 CA
 * keys), the CRLs the PF holds (age, entries, nextUpdate), and whether J-LIS's OCSP responder answers now — a
 * real OCSP request about one of the CA certificates themselves, so it proves the path a login takes.
 */
import { randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { PfContext } from "../../domain/context.ts";
import type { CrlStatus } from "../../revocation/crl-checker.ts";

export interface JpkiStatus {
  anchors: { purpose: "sign" | "auth"; subject: string; notBefore: string; notAfter: string }[];
  kenkakuKeys: number;
  anchorsError: string | null;
  crls: CrlStatus[];
  ocsp: { reachable: boolean; milliseconds: number; detail: string };
}

async function probeOcsp(ctx: PfContext, issuerDer: ArrayBuffer | undefined) {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (!issuerDer) return { reachable: false, milliseconds: 0, detail: "trust anchors unavailable" };
  try {
    const ca = pkijs.Certificate.fromBER(issuerDer);
    const request = new pkijs.OCSPRequest();
    await request.createForCertificate(ca, { hashAlgorithm: "SHA-256", issuerCertificate: ca });
    request.tbsRequest.requestExtensions = [
      new pkijs.Extension({
        extnID: "1.3.6.1.5.5.7.48.1.2",
        extnValue: new asn1js.OctetString({ valueHex: randomBytes(16) }).toBER(false),
      }),
    ];
    const answer = await ctx.jlis.ocsp(new Uint8Array(request.toSchema(true).toBER(false)));
    const response = pkijs.OCSPResponse.fromBER(answer);
    return {
      reachable: true,
      milliseconds: elapsed(),
      detail: `responseStatus ${response.responseStatus.valueBlock.valueDec}`,
    };
  } catch (error) {
    return {
      reachable: false,
      milliseconds: elapsed(),
      detail: error instanceof Error ? error.message : "unreachable",
    };
  }
}

export async function readJpkiStatus(
  ctx: PfContext & { crl: { status(): CrlStatus[] } },
): Promise<JpkiStatus> {
  let anchors: JpkiStatus["anchors"] = [];
  let kenkakuKeys = 0;
  let anchorsError: string | null = null;
  let issuerDer: ArrayBuffer | undefined;
  try {
    const published = await ctx.jlis.get();
    for (const purpose of ["sign", "auth"] as const) {
      for (const ca of published[purpose]) {
        anchors.push({
          purpose,
          subject: ca.subject,
          notBefore: ca.notBefore.toISOString(),
          notAfter: ca.notAfter.toISOString(),
        });
      }
    }
    kenkakuKeys = published.kenkaku.length;
    issuerDer = published.auth[0]?.rawData;
  } catch (error) {
    anchors = [];
    anchorsError = error instanceof Error ? error.message : "unavailable";
  }
  return {
    anchors,
    kenkakuKeys,
    anchorsError,
    crls: ctx.crl.status(),
    ocsp: await probeOcsp(ctx, issuerDer),
  };
}
