/**
 * @module Immediate revocation checks: one RFC 6960 OCSP request per check to J-LIS, with a nonce (RFC 8954).
 * A `revoked` answer is cached until its nextUpdate, a `good` one for a few seconds at most (`goodCacheSeconds`):
 * this is the operator's "immediate" policy, so a card reported lost must stop working at once. Answers are kept
 * in a size-bounded LRU (`ocsp-cache.ts`), so the cache cannot grow without bound. Response checks
 * follow RFC 6960 §3.2: successful status, signature by the CA or a responder it delegated (id-kp-OCSPSigning),
 * the answer is for this certificate, the nonce matches, thisUpdate is not in the future and nextUpdate not past.
 */
import { randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { JlisClient } from "../jlis-client/jlis-client.ts";
import { fail } from "../platform/errors.ts";
import { createMemoryOcspCache, type OcspAnswerCache } from "./ocsp-cache.ts";
import { type RevocationChecker, type RevocationStatus, reasonName } from "./revocation-checker.ts";

const NONCE_OID = "1.3.6.1.5.5.7.48.1.2";
const OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
const unavailable = (why: string) => fail("revocation_unavailable", `OCSP: ${why}.`);

const toPkijs = (der: ArrayBuffer) => pkijs.Certificate.fromBER(der);
/** How long a `good` answer is reused, in seconds (PF_OCSP_GOOD_CACHE_SECONDS). */
export const DEFAULT_GOOD_CACHE_SECONDS = 5;

export function createOcspChecker(
  jlis: Pick<JlisClient, "ocsp">,
  options: {
    goodCacheSeconds?: number;
    /** Where answers are kept (default: this process's memory, a 16 MiB LRU). */
    cache?: OcspAnswerCache;
    /** Told whether each check found a usable cached answer (metrics). */
    onCacheLookup?: (hit: boolean) => void;
  } = {},
): RevocationChecker & { cacheSize(): number } {
  const goodCacheMs = (options.goodCacheSeconds ?? DEFAULT_GOOD_CACHE_SECONDS) * 1000;
  const cache = options.cache ?? createMemoryOcspCache();

  async function buildRequest(cert: pkijs.Certificate, issuer: pkijs.Certificate, nonce: Uint8Array) {
    const request = new pkijs.OCSPRequest();
    await request.createForCertificate(cert, { hashAlgorithm: "SHA-1", issuerCertificate: issuer });
    request.tbsRequest.requestExtensions = [
      new pkijs.Extension({
        extnID: NONCE_OID,
        extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(false),
      }),
    ];
    return new Uint8Array(request.toSchema(true).toBER(false));
  }

  function parseResponse(der: Uint8Array): pkijs.BasicOCSPResponse {
    let response: pkijs.OCSPResponse;
    try {
      response = pkijs.OCSPResponse.fromBER(der);
    } catch {
      throw unavailable("the response cannot be parsed");
    }
    if (response.responseStatus.valueBlock.valueDec !== 0 || !response.responseBytes) {
      throw unavailable(`the responder answered status ${response.responseStatus.valueBlock.valueDec}`);
    }
    return pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
  }

  async function checkResponseSignature(basic: pkijs.BasicOCSPResponse, issuer: pkijs.Certificate) {
    // Either the CA itself signs, or a delegated responder certificate included in the response that the CA
    // issued for id-kp-OCSPSigning (RFC 6960 §4.2.2.2).
    const signer = basic.certs?.[0] ?? issuer;
    if (signer !== issuer) {
      const eku = signer.extensions?.find((e) => e.extnID === "2.5.29.37")?.parsedValue as
        | pkijs.ExtKeyUsage
        | undefined;
      if (!eku?.keyPurposes.includes(OCSP_SIGNING)) throw unavailable("the responder is not authorised");
      if (!(await signer.verify(issuer))) throw unavailable("the responder certificate is not from the CA");
    }
    const engine = pkijs.getEngine().crypto;
    if (!engine) throw unavailable("no crypto engine");
    const ok = await engine.verifyWithPublicKey(
      basic.tbsResponseData.tbsView.slice().buffer,
      basic.signature,
      signer.subjectPublicKeyInfo,
      basic.signatureAlgorithm,
    );
    if (!ok) throw unavailable("the response signature does not verify");
  }

  return {
    cacheSize: () => cache.size(),
    async check({ certificate, issuer, serialHex, kind, now }) {
      const key = `${kind}:${serialHex}`;
      const cached = await cache.get(key, now);
      options.onCacheLookup?.(cached !== undefined);
      if (cached) return cached;

      const cert = toPkijs(certificate.rawData);
      const ca = toPkijs(issuer.rawData);
      const nonce = randomBytes(16);
      const basic = parseResponse(await jlis.ocsp(await buildRequest(cert, ca, nonce)));
      await checkResponseSignature(basic, ca);

      const nonceExt = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === NONCE_OID);
      const echoed = nonceExt ? asn1js.fromBER(nonceExt.extnValue.valueBlock.valueHexView).result : undefined;
      if (
        !(echoed instanceof asn1js.OctetString) ||
        !Buffer.from(echoed.valueBlock.valueHexView).equals(nonce)
      ) {
        throw unavailable("the nonce was not echoed");
      }
      const { isForCertificate, status } = await basic.getCertificateStatus(cert, ca);
      if (!isForCertificate) throw unavailable("the response is for another certificate");
      const single = basic.tbsResponseData.responses[0];
      if (!single) throw unavailable("the response is empty");
      if (single.thisUpdate.getTime() > now.getTime() + 300_000)
        throw unavailable("thisUpdate is in the future");
      if (single.nextUpdate && single.nextUpdate.getTime() < now.getTime())
        throw unavailable("the response is stale");

      let result: RevocationStatus = { status: "good" };
      if (status === 1) {
        // certStatus revoked [1] RevokedInfo { revocationTime, [0] EXPLICIT CRLReason OPTIONAL }
        const info = single.certStatus as asn1js.Constructed;
        const time = info.valueBlock.value[0] as asn1js.GeneralizedTime;
        const reasonTag = info.valueBlock.value[1] as asn1js.Constructed | undefined;
        const reason = (reasonTag?.valueBlock.value[0] as asn1js.Enumerated | undefined)?.valueBlock.valueDec;
        result = { status: "revoked", reason: reasonName(reason), revokedAt: time.toDate().toISOString() };
      } else if (status === 2) {
        result = { status: "unknown" };
      }
      if (single.nextUpdate && status !== 2) {
        // A `good` answer only briefly, whatever its nextUpdate: a card reported lost must stop working at once.
        const until =
          status === 0
            ? new Date(Math.min(single.nextUpdate.getTime(), now.getTime() + goodCacheMs))
            : single.nextUpdate;
        await cache.set(key, result, until, now);
      }
      return result;
    },
  };
}
