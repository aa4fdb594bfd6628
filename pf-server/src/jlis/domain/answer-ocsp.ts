/**
 * @module Use case: answer an OCSP request (RFC 6960) for a registered verifier. The steps follow the RFC:
 * parse the request (§4.1), match each CertID to the CA that issued it (§4.1.1), look the serial up (good,
 * revoked with time and reason, or unknown: §2.2), echo the nonce (RFC 8954 §2.1; longer than 32 octets is
 * refused), and sign with the CA's delegated responder (§4.2.2.2), ResponderID byKey, with nextUpdate.
 */
import { createHash } from "node:crypto";
import { PKIX_OID } from "@catv/jpki";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { OcspResponder } from "../ca/certificate-authorities.ts";
import { toSigningKey } from "../ca/rsa-keys.ts";
import type { CertificateType } from "../storage/jlis-repository.ts";
import type { JlisContext } from "./jlis-context.ts";
import { reasonCode } from "./revocation-reasons.ts";

/** OCSPResponseStatus (RFC 6960 §4.2.1). */
const STATUS = { successful: 0, malformedRequest: 1, internalError: 2 } as const;

const HASHES: Record<string, string> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

const MAX_NONCE_OCTETS = 32;

export interface OcspOutcome {
  der: Uint8Array;
  /** For the log and the usage meter: how many certificates were asked about and the response status. */
  status: keyof typeof STATUS;
  requests: number;
}

function statusOnly(status: keyof typeof STATUS): OcspOutcome {
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: STATUS[status] }),
  });
  return { der: new Uint8Array(response.toSchema().toBER()), status, requests: 0 };
}

function parseRequest(der: Uint8Array): pkijs.OCSPRequest | undefined {
  try {
    const request = pkijs.OCSPRequest.fromBER(der);
    return request.tbsRequest.requestList.length > 0 ? request : undefined;
  } catch {
    return undefined;
  }
}

interface CaIdentity {
  type: CertificateType;
  nameDer: Uint8Array;
  keyBits: Uint8Array;
  responder: OcspResponder;
}

function caIdentities(ctx: JlisContext): CaIdentity[] {
  return (["sign", "auth"] as const).map((type) => {
    const ca = pkijs.Certificate.fromBER(ctx.cas[type].certificate.rawData);
    return {
      type,
      nameDer: new Uint8Array(ca.subject.toSchema().toBER()),
      keyBits: ca.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView,
      responder: ctx.cas[type].ocsp,
    };
  });
}

/** The CA a CertID names: issuerNameHash and issuerKeyHash under the CertID's own hash algorithm (§4.1.1). */
function matchIssuer(certId: pkijs.CertID, cas: CaIdentity[]): CaIdentity | undefined {
  const hash = HASHES[certId.hashAlgorithm.algorithmId];
  if (!hash) return undefined;
  const digest = (bytes: Uint8Array) => createHash(hash).update(bytes).digest();
  const nameHash = Buffer.from(certId.issuerNameHash.valueBlock.valueHexView);
  const keyHash = Buffer.from(certId.issuerKeyHash.valueBlock.valueHexView);
  return cas.find((ca) => digest(ca.nameDer).equals(nameHash) && digest(ca.keyBits).equals(keyHash));
}

/** CertStatus CHOICE: good [0] NULL, revoked [1] RevokedInfo, unknown [2] NULL (§4.2.1). */
async function certStatus(
  ctx: JlisContext,
  certId: pkijs.CertID,
  ca: CaIdentity | undefined,
): Promise<asn1js.BaseBlock> {
  const serial = Buffer.from(certId.serialNumber.valueBlock.valueHexView)
    .toString("hex")
    .replace(/^0+(?=.)/, "");
  const record = ca && (await ctx.repo.findCertificate(serial));
  if (!ca || !record || record.certificateType !== ca.type) {
    return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } });
  }
  if (!record.revokedAt) return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
  return new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 1 },
    value: [
      new asn1js.GeneralizedTime({ valueDate: new Date(record.revokedAt) }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Enumerated({ value: reasonCode(record.revocationReason ?? "unspecified") })],
      }),
    ],
  });
}

function nonceOf(request: pkijs.OCSPRequest): pkijs.Extension | undefined {
  return request.tbsRequest.requestExtensions?.find((e) => e.extnID === PKIX_OID.ocspNonce);
}

/** RFC 8954 §2.1: the nonce value is an OCTET STRING of 1 to 32 octets inside the extension's OCTET STRING. */
function nonceIsAcceptable(nonce: pkijs.Extension): boolean {
  const inner = asn1js.fromBER(nonce.extnValue.valueBlock.valueHexView);
  const octets =
    inner.offset !== -1 && inner.result instanceof asn1js.OctetString
      ? inner.result.valueBlock.valueHexView.length
      : nonce.extnValue.valueBlock.valueHexView.length;
  return octets >= 1 && octets <= MAX_NONCE_OCTETS;
}

export async function answerOcsp(
  ctx: JlisContext,
  requestDer: Uint8Array,
  validitySeconds: number,
): Promise<OcspOutcome> {
  const request = parseRequest(requestDer);
  if (!request) return statusOnly("malformedRequest");
  const nonce = nonceOf(request);
  if (nonce && !nonceIsAcceptable(nonce)) return statusOnly("malformedRequest");

  const cas = caIdentities(ctx);
  const now = ctx.now();
  const nextUpdate = new Date(now.getTime() + validitySeconds * 1000);
  const matches = request.tbsRequest.requestList.map((r) => ({
    certId: r.reqCert,
    ca: matchIssuer(r.reqCert, cas),
  }));
  // One signer per response: the responder of the CA the first known CertID names (its delegation covers only
  // that CA's certificates; CertIDs of the other CA answer unknown).
  const signerCa = matches.find((m) => m.ca)?.ca ?? cas[0]!;

  const basic = new pkijs.BasicOCSPResponse();
  const responder = pkijs.Certificate.fromBER(signerCa.responder.certificate.rawData);
  basic.tbsResponseData.responderID = new asn1js.OctetString({
    valueHex: createHash("sha1")
      .update(responder.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
      .digest(),
  });
  basic.tbsResponseData.producedAt = now;
  basic.tbsResponseData.responses = await Promise.all(
    matches.map(
      async ({ certId, ca }) =>
        new pkijs.SingleResponse({
          certID: certId,
          certStatus: await certStatus(ctx, certId, ca?.type === signerCa.type ? ca : undefined),
          thisUpdate: now,
          nextUpdate,
        }),
    ),
  );
  if (nonce) basic.tbsResponseData.responseExtensions = [nonce];
  basic.certs = [responder];
  await basic.sign(toSigningKey(signerCa.responder.privateKey), "SHA-256");

  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: STATUS.successful }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: PKIX_OID.ocspBasic,
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
    }),
  });
  return { der: new Uint8Array(response.toSchema().toBER()), status: "successful", requests: matches.length };
}
