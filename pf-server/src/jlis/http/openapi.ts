/**
 * @module The OpenAPI 3.1 description of the J-LIS simulator, built from the same zod schemas the handlers
 * parse with (zod 4's JSON Schema export), served at `/openapi.json` and rendered by Scalar at `/docs`.
 */
import { linkageQuerySchema } from "@catv/contracts";
import { z } from "zod";
import { residentChangeSchema } from "../domain/change-resident-details.ts";
import { residentInputSchema } from "../domain/issue-card.ts";

import { revocationReasonSchema } from "../domain/revocation-reasons.ts";
import { jlisErrorCatalogue } from "../errors.ts";

const json = (schema: z.ZodType) => ({
  "application/json": { schema: z.toJSONSchema(schema, { io: "input" }) },
});
const errors = (...codes: (keyof typeof jlisErrorCatalogue)[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(jlisErrorCatalogue[code].status),
      {
        description: `\`${code}\`: ${jlisErrorCatalogue[code].summary}`,
        content: { "application/json": {} },
      },
    ]),
  );
const binary = (type: string, description: string) => ({
  "200": { description, content: { [type]: { schema: { type: "string", format: "binary" } } } },
});

const verifier = [{ verifierBasic: [] }];
const admin = [{ adminBearer: [] }];
const residentId = [{ name: "id", in: "path", required: true, schema: { type: "string" } }];

export function jlisOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "J-LIS simulator (公的個人認証サービス(模擬))",
      version: "1",
      description:
        "CAs, card issuance and revocation services of the CATV demo's simulated J-LIS. Certificates say O=JPKI-DEMO. " +
        `Errors: {error:{code,message,requestId}}; codes: ${Object.keys(jlisErrorCatalogue).join(", ")}.`,
    },
    components: {
      securitySchemes: {
        verifierBasic: {
          type: "http",
          scheme: "basic",
          description: "registered verifier: jlisVerifier.id / secret",
        },
        adminBearer: { type: "http", scheme: "bearer", description: "jlisAdminToken" },
      },
    },
    paths: {
      "/ca/sign.der": {
        get: {
          summary: "署名用 CA certificate (DER; .pem also)",
          responses: binary("application/pkix-cert", "DER"),
        },
      },
      "/ca/auth.der": {
        get: {
          summary: "利用者証明用 CA certificate (DER; .pem also)",
          responses: binary("application/pkix-cert", "DER"),
        },
      },
      "/ca/kenkaku.json": {
        get: {
          summary: "券面 CA keys: {keys:[{keyId (hex, 16 bytes), publicKeySpki (base64 DER)}]}",
          responses: { "200": { description: "keys" } },
        },
      },
      "/crl/sign.crl": {
        get: {
          summary:
            "署名用 full CRL (DER): freshestCRL → the delta URL; ETag = CRL number, If-None-Match → 304",
          security: verifier,
          responses: {
            ...binary("application/pkix-crl", "CRL"),
            "304": { description: "the CRL named by If-None-Match is still the newest" },
            ...errors("verifier_unauthorized"),
          },
        },
      },
      "/crl/sign-delta.crl": {
        get: {
          summary:
            "署名用 delta CRL (DER, RFC 5280 §5.2.4): revocations since the full CRL its deltaCRLIndicator names",
          security: verifier,
          responses: {
            ...binary("application/pkix-crl", "CRL"),
            "304": { description: "the CRL named by If-None-Match is still the newest" },
            ...errors("verifier_unauthorized"),
          },
        },
      },
      "/crl/auth.crl": {
        get: {
          summary:
            "利用者証明用 full CRL (DER): freshestCRL → the delta URL; ETag = CRL number, If-None-Match → 304",
          security: verifier,
          responses: {
            ...binary("application/pkix-crl", "CRL"),
            "304": { description: "the CRL named by If-None-Match is still the newest" },
            ...errors("verifier_unauthorized"),
          },
        },
      },
      "/crl/auth-delta.crl": {
        get: {
          summary:
            "利用者証明用 delta CRL (DER, RFC 5280 §5.2.4): revocations since the full CRL its deltaCRLIndicator names",
          security: verifier,
          responses: {
            ...binary("application/pkix-crl", "CRL"),
            "304": { description: "the CRL named by If-None-Match is still the newest" },
            ...errors("verifier_unauthorized"),
          },
        },
      },
      "/ocsp": {
        post: {
          summary: "OCSP (RFC 6960), nonce echoed (RFC 8954); GET /ocsp/{base64} also",
          security: verifier,
          requestBody: {
            content: { "application/ocsp-request": { schema: { type: "string", format: "binary" } } },
          },
          responses: {
            ...binary("application/ocsp-response", "OCSPResponse"),
            ...errors("verifier_unauthorized", "validation_failed"),
          },
        },
      },
      "/linkage/query": {
        post: {
          summary: "証明書紐付け / 新旧紐付け of a serial",
          security: verifier,
          requestBody: { content: json(linkageQuerySchema) },
          responses: {
            "200": { description: "status and relations" },
            ...errors("verifier_unauthorized", "certificate_not_found", "validation_failed"),
          },
        },
      },
      "/admin/residents": {
        get: {
          summary: "residents, cards, current certificates",
          security: admin,
          responses: { "200": { description: "residents" }, ...errors("admin_unauthorized") },
        },
        post: {
          summary: "create a resident and issue their card image",
          security: admin,
          requestBody: { content: json(residentInputSchema) },
          responses: {
            "201": { description: "issued" },
            ...errors("admin_unauthorized", "validation_failed", "unknown_town"),
          },
        },
      },
      "/admin/residents/{id}/move": {
        post: {
          summary:
            "記載事項変更: new 署名用 certificate in the same card (old one revoked: affiliationChanged)",
          security: admin,
          parameters: residentId,
          requestBody: { content: json(residentChangeSchema) },
          responses: {
            "200": { description: "resident" },
            ...errors("admin_unauthorized", "resident_not_found", "card_lost"),
          },
        },
      },
      "/admin/residents/{id}/renew": {
        post: {
          summary: "更新: new pair (old: superseded)",
          security: admin,
          parameters: residentId,
          responses: {
            "200": { description: "resident" },
            ...errors("admin_unauthorized", "resident_not_found"),
          },
        },
      },
      "/admin/residents/{id}/report-loss": {
        post: {
          summary: "紛失: revoke both (keyCompromise)",
          security: admin,
          parameters: residentId,
          responses: {
            "200": { description: "resident" },
            ...errors("admin_unauthorized", "resident_not_found"),
          },
        },
      },
      "/admin/certificates/{serialHex}/revoke": {
        post: {
          summary: "revoke one certificate with an RFC 5280 reason",
          security: admin,
          parameters: [{ name: "serialHex", in: "path", required: true, schema: { type: "string" } }],
          requestBody: { content: json(z.object({ reason: revocationReasonSchema })) },
          responses: {
            "200": { description: "revoked" },
            ...errors("admin_unauthorized", "certificate_not_found", "certificate_already_revoked"),
          },
        },
      },
      "/admin/verifier-usage": {
        get: {
          summary: "checks per verifier, kind and month",
          security: admin,
          responses: { "200": { description: "usage" }, ...errors("admin_unauthorized") },
        },
      },
    },
  };
}
