/**
 * @module The verifier API (verifier-api.ts) — what an insurer's system calls: the link status of its accounts,
 * one account, registration from its own web page — the institution API (medical/reception-api.ts: a patient
 * reference), and any tenant's monthly PF fee statement. `Authorization: Bearer <tenant API key>`.
 */
import {
  accountIdSchema,
  accountLinkRequestSchema,
  challengeResponseSchema,
  patientReferenceSchema,
  patientReferenceStatusSchema,
  tenantFeeStatementSchema,
  verifierAccountSchema,
  verifierRegistrationRequestSchema,
  verifierRegistrationResponseSchema,
  yearMonthSchema,
} from "@catv/contracts";
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { toBeSigned } from "../../domain/challenges.ts";
import { computeTenantFeeStatement, feeStatementCsv } from "../../domain/compute-fee-statement.ts";
import { describeVerifierAccount } from "../../domain/describe-verifier-account.ts";
import { linkAccount } from "../../domain/link-account.ts";
import { readPatientReference } from "../../domain/medical/read-patient-reference.ts";
import {
  issueVerifierRegistrationChallenge,
  registerFromVerifier,
} from "../../domain/register-from-verifier.ts";
import type { PfEnv } from "../env.ts";
import { exampleOf } from "../examples.ts";
import { tenantAuth } from "../middleware/bearer-auth.ts";
import { auditAs, errorResponses, jsonBody, jsonResponse, send } from "../openapi.ts";

const security = [{ tenantKey: [] }];
const VERIFIER = "Verifier (insurer …)";
const INSTITUTION = "Institution (medical)";
const TENANT = "Any tenant";
const certificateErrors = [
  "base64_not_canonical",
  "certificate_malformed",
  "certificate_not_der",
  "certificate_expired",
  "certificate_not_yet_valid",
  "certificate_revoked",
  "certificate_unknown_issuer",
  "certificate_wrong_type",
  "signature_invalid",
  "revocation_unavailable",
] as const;

export function verifierRoutes() {
  const app = new OpenAPIHono<PfEnv>();
  const verifier = tenantAuth("verifier");
  const institution = tenantAuth("site-owner");
  const anyTenant = tenantAuth();

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/verifier/accounts/{accountId}/link",
      tags: [VERIFIER],
      summary: "Record whether the verifier linked an account to its own record (紐づけ)",
      description:
        "The insurer's staff linked the 共通的PFID to a 被保険者 (参考１－２), or undid it. Until `linked`, a reception's eligibility check answers " +
        "`account_not_linked` without calling the insurer. Another verifier's account is answered `account_unknown`.",
      security,
      middleware: [auditAs("account-link"), verifier] as const,
      request: { params: z.object({ accountId: accountIdSchema }), ...jsonBody(accountLinkRequestSchema) },
      responses: { 204: { description: "Recorded." }, ...errorResponses("unauthorized", "account_unknown") },
    }),
    async (c) => {
      const tenant = c.get("tenant");
      await linkAccount(
        c.get("ctx"),
        { requestId: c.get("requestId") },
        { id: tenant.id, actorKind: "verifier" },
        c.req.valid("param").accountId,
        c.req.valid("json").status,
        "account_unknown",
      );
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/verifier/accounts/{accountId}",
      tags: [VERIFIER],
      summary: "One of the verifier's own accounts",
      description:
        "Link status, consent and whether the card's certificate is revoked. Another verifier's account is `account_unknown`.",
      security,
      middleware: [auditAs("account.read"), verifier] as const,
      request: { params: z.object({ accountId: accountIdSchema }) },
      responses: {
        200: jsonResponse(verifierAccountSchema, "The account."),
        ...errorResponses("unauthorized", "account_unknown"),
      },
    }),
    async (c) =>
      send(
        c,
        verifierAccountSchema,
        await describeVerifierAccount(c.get("ctx"), c.get("tenant").id, c.req.valid("param").accountId),
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/verifier/registration-challenges",
      tags: [VERIFIER],
      summary: "A registration challenge for the verifier's own registration page",
      description:
        "Bound to the verifier and to no terminal (`toBeSigned` names the verifier and `-`). The card signs it with the signature key after the " +
        "署名用パスワード, and the 券面 key signs the same bytes (card-binding proof). Not for CATV operators (they register viewers on their STBs).",
      security,
      middleware: [auditAs("registration.challenge"), verifier] as const,
      responses: {
        201: jsonResponse(challengeResponseSchema, "The challenge."),
        ...errorResponses("unauthorized", "forbidden"),
      },
    }),
    async (c) => {
      const ch = await issueVerifierRegistrationChallenge(c.get("ctx"), c.get("tenant").id);
      return send(
        c,
        challengeResponseSchema,
        {
          challengeId: ch.id,
          nonce: ch.nonce,
          toBeSigned: toBeSigned(ch).toString("base64"),
          expiresAt: ch.expiresAt,
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/verifier/registrations",
      tags: [VERIFIER],
      summary: "Register a person from the verifier's own page (利用者登録)",
      description:
        "The card's answer to the verifier's registration challenge, exactly as a terminal sends it. Answers the 共通的PFID; the 4情報 arrive in `account.registered`.",
      security,
      middleware: [auditAs("registration"), verifier] as const,
      request: jsonBody(verifierRegistrationRequestSchema),
      responses: {
        200: jsonResponse(verifierRegistrationResponseSchema, "Registered."),
        ...errorResponses(
          "unauthorized",
          "forbidden",
          "consent_required",
          "certificate_pair_mismatch",
          "card_genuineness_failed",
          "challenge_unknown",
          "challenge_used",
          "challenge_expired",
          "challenge_wrong_operator",
          "challenge_wrong_terminal",
          "challenge_wrong_purpose",
          ...certificateErrors,
        ),
      },
    }),
    async (c) =>
      send(
        c,
        verifierRegistrationResponseSchema,
        await registerFromVerifier(
          c.get("ctx"),
          { requestId: c.get("requestId") },
          c.get("tenant").id,
          c.req.valid("json"),
        ),
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/institution/patient-references/{patientReference}",
      tags: [INSTITUTION],
      summary: "A patient the institution knows: registrations at the insurers its sites consult",
      description:
        "Only the institution that was issued the reference (at a recognition at one of its receptions) can use it; another institution's reference is `patient_reference_unknown`.",
      security,
      middleware: [auditAs("patient-reference.read"), institution] as const,
      request: { params: z.object({ patientReference: patientReferenceSchema }) },
      responses: {
        200: jsonResponse(patientReferenceStatusSchema, "The patient's registrations."),
        ...errorResponses("unauthorized", "patient_reference_unknown"),
      },
    }),
    async (c) =>
      send(
        c,
        patientReferenceStatusSchema,
        await readPatientReference(c.get("ctx"), c.get("tenant").id, c.req.valid("param").patientReference),
      ),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/tenant/fee-statements/{month}",
      tags: [TENANT],
      summary: "The tenant's PF usage-fee statement (共通的PF利用料) for a month",
      description:
        "The tariff's lines for the roles the tenant holds — a verifier's registrations and JPKI checks, a reception's recognitions and eligibility checks " +
        "(one line per site). JSON by default; `?format=csv` gives CSV (UTF-8). A month not over yet (JST) is answered with the counts so far, `provisional: true` and `asOf`; it is final (`provisional: false`) once the month has ended.",
      security,
      middleware: [anyTenant] as const,
      request: {
        params: z.object({ month: yearMonthSchema }),
        query: z.object({ format: z.enum(["json", "csv"]).optional() }),
      },
      responses: {
        200: {
          content: {
            "application/json": {
              schema: tenantFeeStatementSchema,
              example: exampleOf(tenantFeeStatementSchema),
            },
            "text/csv": { schema: z.string() },
          },
          description: "The statement.",
        },
        ...errorResponses("unauthorized"),
      },
    }),
    async (c) => {
      const statement = await computeTenantFeeStatement(
        c.get("ctx"),
        c.get("tenant").id,
        c.req.valid("param").month,
      );
      if (c.req.valid("query").format === "csv") {
        c.header(
          "content-disposition",
          `attachment; filename="pf-fees-${statement.tenantId}-${statement.month}.csv"`,
        );
        return c.body(feeStatementCsv(statement), 200, { "content-type": "text/csv; charset=utf-8" });
      }
      return send(c, tenantFeeStatementSchema, statement);
    },
  );

  return app;
}
