/**
 * @module A test double of insurers' 資格確認データ受付サーバ, for the PF's own tests: one HTTP server on 127.0.0.1
 * serving `POST /insurers/<id>/pf/eligibility` for several insurers. It verifies the PF's assertion as a real
 * insurer must (the PF's JWKS, issuer, audience = the insurer, the claims schema, one use per `jti`) and answers by
 * the scenario a test set for the 共通的PFID — every well-formed answer is built through the contract's schema, so
 * the double never says what the contract forbids; the scenarios that test the PF's defences (a body outside the
 * contract, an answer for another request, an error status, silence) say so by name.
 */
import {
  type EligibilityAnswer,
  type EligibilityAssertionClaims,
  eligibilityAnswerSchema,
  eligibilityAssertionClaimsSchema,
  type Qualification,
  toEightDigitInsurerNumber,
} from "@catv/contracts";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { createRemoteJWKSet, jwtVerify } from "jose";

export interface DoubleInsurer {
  id: string;
  name: string;
  /** 6 digits (国保) or 8. */
  insurerNumber: string;
}

export type InsurerScenario =
  /** 1 有効: the patient's qualification, 負担割合 as a 3-digit percent. */
  | { kind: "valid"; ratio?: string; family?: boolean; elderlyRatio?: string; limitFlag?: "A03" | "B04" }
  /** 2 無効: lost on `lostOn` for `reason`. */
  | { kind: "lost"; reason: "01" | "02" | "03" | "99"; lostOn: string }
  /** 3 無効（新しい資格あり）: lost because the patient joined another insurer. */
  | { kind: "switched"; lostOn: string }
  /** 5 複数該当: two qualifications matched. */
  | { kind: "multiple" }
  /** 処理結果 2 エラー: the insurer's own failure, within the contract. */
  | { kind: "insurer-error" }
  /** 限度額 information sent although the request carried no consent (a misbehaving insurer). */
  | { kind: "limit-regardless" }
  | { kind: "http-error"; status: number }
  | { kind: "outside-contract" }
  | { kind: "other-request" }
  | { kind: "slow"; ms: number };

export interface InsurerDouble {
  url: string;
  /** Scenario per 共通的PFID; a 共通的PFID without one is answered 4 該当資格なし. */
  scenarios: Map<string, InsurerScenario>;
  /** Verified requests, oldest first. */
  requests: (EligibilityAssertionClaims & { insurerId: string })[];
  /** Requests refused before any answer (bad assertion), by reason. */
  refused: string[];
  /** While down, every request is answered 503. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

const member = {
  name: "試験 太郎",
  nameKana: "シケン タロウ",
  sex: "1",
  birthDate: "1980-02-17",
} as const;

function qualification(insurer: DoubleInsurer, overrides: Partial<Qualification> = {}): Qualification {
  return {
    insuredCardClassification: "01",
    insurerNumber: toEightDigitInsurerNumber(insurer.insurerNumber),
    insurerName: insurer.name,
    insuredCardSymbol: "酒田",
    insuredIdentificationNumber: "1234567",
    insuredBranchNumber: "00",
    personalFamilyClassification: "1",
    ...member,
    qualificationDate: "2020-04-01",
    insuredPartialContributionRatio: "030",
    limitApplicationCertificateConsent: { consented: false },
    ...overrides,
  };
}

/** The answer of a scenario, as the contract's schema accepts it. */
export function answerFor(
  insurer: DoubleInsurer,
  claims: EligibilityAssertionClaims,
  scenario: InsurerScenario | undefined,
  now = new Date(),
): EligibilityAnswer {
  const consent = claims.limitApplicationCertificateConsent
    ? { consented: true, consentedAt: now.toISOString() }
    : { consented: false };
  const base = {
    requestId: claims.requestId,
    processedAt: now.toISOString(),
    qualificationConfirmationDate: claims.qualificationConfirmationDate,
    medicalInstitutionCode: claims.medicalInstitutionCode,
    referenceClassification: "1" as const,
    processingResult: { status: "1" as const },
  };
  const limit = (flag: "A03" | "B04") => ({
    classification: "01" as const,
    classificationFlag: flag,
    validFrom: "2026-04-01",
  });
  let answer: EligibilityAnswer;
  switch (scenario?.kind) {
    case undefined:
      answer = { ...base, qualificationValidity: "4", qualifications: [] };
      break;
    case "valid":
      answer = {
        ...base,
        qualificationValidity: "1",
        qualifications: [
          qualification(insurer, {
            insuredPartialContributionRatio: scenario.ratio ?? "030",
            ...(scenario.family
              ? { personalFamilyClassification: "2", insuredBranchNumber: "01", insuredName: "試験 一郎" }
              : {}),
            ...(scenario.elderlyRatio
              ? {
                  elderlyRecipientCertificate: {
                    validFrom: "2026-04-01",
                    contributionRatio: scenario.elderlyRatio,
                  },
                }
              : {}),
            limitApplicationCertificateConsent: consent,
            ...(scenario.limitFlag && consent.consented
              ? { limitApplicationCertificate: limit(scenario.limitFlag) }
              : {}),
          }),
        ],
      };
      break;
    case "lost":
      answer = {
        ...base,
        qualificationValidity: "2",
        qualifications: [
          qualification(insurer, { disqualificationDate: scenario.lostOn, reasonOfLoss: scenario.reason }),
        ],
      };
      break;
    case "switched":
      answer = {
        ...base,
        qualificationValidity: "3",
        qualifications: [
          qualification(insurer, { disqualificationDate: scenario.lostOn, reasonOfLoss: "03" }),
        ],
      };
      break;
    case "multiple":
      answer = {
        ...base,
        qualificationValidity: "5",
        qualifications: [
          qualification(insurer),
          qualification(insurer, { insuredIdentificationNumber: "7654321" }),
        ],
      };
      break;
    case "insurer-error":
      answer = {
        ...base,
        processingResult: { status: "2", code: "E9001", message: "被保険者DBが応答しません" },
        qualifications: [],
      };
      break;
    default:
      throw new Error(`scenario ${scenario?.kind} has no answer within the contract`);
  }
  return eligibilityAnswerSchema.parse(answer);
}

export async function startInsurerDouble(options: {
  pfUrl: string;
  issuer: string;
  insurers: DoubleInsurer[];
}): Promise<InsurerDouble> {
  const jwks = createRemoteJWKSet(new URL(`${options.pfUrl}/.well-known/jwks.json`));
  const scenarios = new Map<string, InsurerScenario>();
  const requests: InsurerDouble["requests"] = [];
  const refused: string[] = [];
  const seenJti = new Set<string>();
  let down = false;
  const app = new Hono();
  app.post("/insurers/:insurerId/pf/eligibility", async (c) => {
    if (down) return c.json({ error: { code: "down", message: "保守中" } }, 503);
    const insurer = options.insurers.find((i) => i.id === c.req.param("insurerId"));
    if (!insurer) return c.json({ error: { code: "not_found", message: "no such insurer" } }, 404);
    const token = c.req.header("authorization")?.replace(/^Bearer /, "") ?? "";
    const verified = await jwtVerify(token, jwks, {
      issuer: options.issuer,
      audience: insurer.id,
      algorithms: ["ES256"],
    }).catch((e: Error) => e);
    if (verified instanceof Error) {
      refused.push(verified.name);
      return c.json({ error: { code: "assertion_invalid", message: "bad assertion" } }, 401);
    }
    const claims = eligibilityAssertionClaimsSchema.safeParse(verified.payload);
    if (!claims.success || seenJti.has(claims.data.jti)) {
      refused.push(claims.success ? "replayed" : "claims");
      return c.json({ error: { code: "assertion_invalid", message: "bad claims" } }, 401);
    }
    seenJti.add(claims.data.jti);
    requests.push({ ...claims.data, insurerId: insurer.id });
    const scenario = scenarios.get(claims.data.sub);
    switch (scenario?.kind) {
      case "http-error":
        return c.json({ error: { code: "failure", message: "failure" } }, scenario.status as 500);
      case "outside-contract":
        return c.json({ requestId: claims.data.requestId, result: "有効" });
      case "other-request":
        return c.json({
          ...answerFor(insurer, claims.data, { kind: "valid" }),
          requestId: "req_someone_else",
        });
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, scenario.ms));
        return c.json(answerFor(insurer, claims.data, { kind: "valid" }));
      case "limit-regardless": {
        const answer = answerFor(
          insurer,
          { ...claims.data, limitApplicationCertificateConsent: true },
          {
            kind: "valid",
            limitFlag: "A03",
          },
        );
        return c.json(answer);
      }
      default:
        return c.json(answerFor(insurer, claims.data, scenario));
    }
  });
  const { server, url } = await new Promise<{ server: ServerType; url: string }>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) =>
      resolve({ server: s, url: `http://127.0.0.1:${info.port}` }),
    );
  });
  return {
    url,
    scenarios,
    requests,
    refused,
    setDown: (value) => {
      down = value;
    },
    close: () =>
      new Promise((resolve) => {
        // A slow scenario may still hold a connection: end it rather than wait for it.
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
