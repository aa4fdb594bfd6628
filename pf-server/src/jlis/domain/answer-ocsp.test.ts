import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PKIX_OID } from "@catv/jpki";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_RESIDENT, startTestService, VERIFIER_AUTH } from "../testing/test-service.ts";
import { answerOcsp } from "./answer-ocsp.ts";
import { issueCard } from "./issue-card.ts";
import { revokeCertificate } from "./revoke-certificate.ts";

let service: Awaited<ReturnType<typeof startTestService>>;
let signCert: pkijs.Certificate;
let authCert: pkijs.Certificate;
let signSerial: string;
const ca = (type: "sign" | "auth") => pkijs.Certificate.fromBER(service.ctx.cas[type].certificate.rawData);

beforeAll(async () => {
  service = await startTestService();
  const card = await issueCard(service.ctx, SAMPLE_RESIDENT);
  const image = JSON.parse(readFileSync(card.cardImagePath, "utf8"));
  signCert = pkijs.Certificate.fromBER(Buffer.from(image.jpki.signCertificate, "base64"));
  authCert = pkijs.Certificate.fromBER(Buffer.from(image.jpki.authCertificate, "base64"));
  signSerial = card.resident.certificates.sign!.serialNumber;
}, 60_000);
afterAll(() => service.dispose());

async function request(cert: pkijs.Certificate, issuer: pkijs.Certificate, nonce?: Uint8Array) {
  const req = new pkijs.OCSPRequest();
  await req.createForCertificate(cert, { hashAlgorithm: "SHA-1", issuerCertificate: issuer });
  if (nonce) {
    req.tbsRequest.requestExtensions = [
      new pkijs.Extension({
        extnID: PKIX_OID.ocspNonce,
        extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(),
      }),
    ];
  }
  return new Uint8Array(req.toSchema(true).toBER());
}

function parse(der: Uint8Array) {
  const response = pkijs.OCSPResponse.fromBER(der);
  const status = response.responseStatus.valueBlock.valueDec;
  const basic = response.responseBytes
    ? pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView)
    : undefined;
  return { status, basic };
}
const certStatusTag = (basic: pkijs.BasicOCSPResponse) =>
  (basic.tbsResponseData.responses[0]!.certStatus as asn1js.BaseBlock).idBlock.tagNumber;

describe("OCSP responder (RFC 6960)", { timeout: 60_000 }, () => {
  it("answers good, signed by the delegated responder that chains to the CA", async () => {
    const { status, basic } = parse(
      (await answerOcsp(service.ctx, await request(signCert, ca("sign")), 600)).der,
    );
    expect(status).toBe(0);
    expect(certStatusTag(basic!)).toBe(0);
    expect(await basic!.verify({ trustedCerts: [ca("sign")] })).toBe(true);
    expect(basic!.tbsResponseData.responses[0]!.nextUpdate).toBeInstanceOf(Date);
  });

  it("echoes the request nonce (RFC 8954)", async () => {
    const nonce = randomBytes(16);
    const { basic } = parse(
      (await answerOcsp(service.ctx, await request(authCert, ca("auth"), nonce), 600)).der,
    );
    const echoed = basic!.tbsResponseData.responseExtensions?.find((e) => e.extnID === PKIX_OID.ocspNonce);
    const inner = asn1js.fromBER(echoed!.extnValue.valueBlock.valueHexView).result as asn1js.OctetString;
    expect(Buffer.from(inner.valueBlock.valueHexView).equals(nonce)).toBe(true);
  });

  it("refuses a nonce longer than 32 octets as malformedRequest", async () => {
    const outcome = await answerOcsp(service.ctx, await request(signCert, ca("sign"), randomBytes(33)), 600);
    expect(parse(outcome.der).status).toBe(1);
  });

  it("answers unknown for a certificate named under the other CA", async () => {
    const { basic } = parse((await answerOcsp(service.ctx, await request(signCert, ca("auth")), 600)).der);
    expect(certStatusTag(basic!)).toBe(2);
  });

  it("answers malformedRequest to bytes that are not an OCSPRequest", async () => {
    expect(parse((await answerOcsp(service.ctx, Uint8Array.of(1, 2, 3), 600)).der).status).toBe(1);
  });

  it("answers revoked with the time and the reason code after revocation, also over GET", async () => {
    await revokeCertificate(service.ctx, signSerial, "affiliationChanged");
    const der = await request(signCert, ca("sign"));
    const res = await service.app.request(
      `/ocsp/${encodeURIComponent(Buffer.from(der).toString("base64"))}`,
      {
        headers: { authorization: VERIFIER_AUTH },
      },
    );
    expect(res.headers.get("content-type")).toBe("application/ocsp-response");
    const { basic } = parse(new Uint8Array(await res.arrayBuffer()));
    const revoked = basic!.tbsResponseData.responses[0]!.certStatus as asn1js.Constructed;
    expect(revoked.idBlock.tagNumber).toBe(1);
    const reason = (revoked.valueBlock.value[1] as asn1js.Constructed).valueBlock
      .value[0] as asn1js.Enumerated;
    expect(reason.valueBlock.valueDec).toBe(3);
  });
});
