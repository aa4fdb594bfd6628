/**
 * @module Examples for the API description, generated from the contracts' zod schemas, never typed by hand: an
 * example cannot drift from the schema it illustrates. zocker builds a value from the schema (seeded, so the
 * document is the same on every start); then each string and number is replaced, where the schema still accepts
 * it, by a value a reader recognises for that field (a Japanese town, a yen amount, a booking number) instead of
 * random text; the result is parsed with the schema before it is published. Every example is remembered with its
 * schema so a test can parse each example the document shows.
 */
import { isCanonicalBase64 } from "@catv/contracts";
import { zocker } from "zocker";
import type { z } from "zod";

/** Left out of an example where the schema allows (it only applies in cases the example is not: a reversal). */
const OMIT = Symbol("omit");

/** Recognisable values by field name (the path's last key, or its last two for a nested name). */
const FIELD_SAMPLES: Record<string, unknown> = {
  reverses: OMIT,
  reversesUsageId: OMIT,
  details: OMIT,
  "fourInfo.name": "松本 さくら",
  "fourInfo.address": "富山県南砺市福光1234番地",
  name: "なんとケーブルテレビ（デモ）",
  operatorName: "なんとケーブルテレビ（デモ）",
  providerName: "公共施設予約（デモ）",
  town: "南砺市",
  townName: "南砺市",
  prefecture: "富山県",
  address: "富山県南砺市福光1234番地",
  description: "南砺市 福光体育館 2026-12-05 午後(13:00-17:00) 使用料",
  message: "有料の予約には暗証番号による認証が必要です。",
  operatorId: "op-nanto",
  providerId: "prov-facility",
  serviceId: "facility-booking",
  terminalId: "stb-nanto-0001",
  providerReference: "BK-7Q2M9X4D1R",
  usageId: "use_01JQ4Z8M6T",
  settlementId: "stl-2026-11-op-nanto",
  pairwiseId: "pw_Z3q8k2VnT0cY7bLm",
  sub: "pw_Z3q8k2VnT0cY7bLm",
  requestId: "req_5f0c2a9e",
  id: "evt_01JQ4Z9B2C",
  reason: "keyCompromise",
  contractId: "C-000123",
  memberId: "M-000456",
  svc: "facility-booking",
  aud: "prov-facility",
  iss: "https://pf.example.jp",
  jti: "a3f1c9e2-7b64-4d1e-9f0a-2c5e8b7d6a41",
  textVersion: "2026-01",
  month: "2026-11",
  "operators.id": "op-nanto",
  "providers.id": "prov-facility",
  providerUserId: "FU-7Q2M9X4D1R",
  targetId: "prov-facility",
  type: "enrolment.created",
  at: "2026-11-24T01:00:00.000Z",
  apiKey: "ak_Q2F0dlNhbXBsZUFwaUtleQ",
  apiBaseUrl: "https://facility.example.jp/api/",
  webhookUrl: "https://facility.example.jp/api/pf/events",
  x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
  y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
  cableId: "7KQ2-M9XD-4R1B-C8TZ",
  challengeId: "chl_9Xb2Lq7Rz4",
  registrationSessionId: "ars_4Tz8Qw1Ks6",
  accessToken: "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ2aWV3ZXIifQ.c2lnbmF0dXJl",
  refreshToken: "rt_Q2F0dlNhbXBsZVJlZnJlc2g",
  birthDateKey: "630412",
  portalTitle: "なんとケーブルテレビ 行政サービス",
  nameEn: "Facility booking",
  primaryColor: "#1f4e8c",
  accentColor: "#ffd166",
  facilityId: "nanto-gym-fukumitsu",
  facilityName: "福光体育館",
  bookingId: "BK-7Q2M9X4D1R",
  item: "施設使用料",
  scope: "pairwise-id",
  amountYen: 2000,
  taxRatePercent: 10,
  expiresIn: 900,
  grossYen: 45000,
  collectionFeeYen: 2250,
  netPayableYen: 42750,
  feeYen: 2000,
  recordsCollected: 24,
  reversals: 1,
  iat: 1795500000,
  exp: 1795500060,
  // The medical field's eligibility answer (ONS-shaped): one valid qualification, the patient consented to show
  // the 限度額 information; no 喪失日 (the answer's rules tie 有効 and 喪失 together).
  "processingResult.status": "1",
  qualificationValidity: "1",
  disqualificationDate: OMIT,
  reasonOfLoss: OMIT,
  "limitApplicationCertificateConsent.consented": true,
  insuredPartialContributionRatio: "030",
  contributionRatio: "020",
  insurerNumber: "00160001",
  insurerName: "南砺市国民健康保険",
  insuredCardSymbol: "南砺",
  insuredIdentificationNumber: "1234567",
  insuredBranchNumber: "01",
  "qualifications.name": "松本 さくら",
  nameKana: "マツモト サクラ",
  insuredName: "松本 一郎",
  verifierName: "南砺市国民健康保険",
  medicalInstitutionCode: "1612345678",
};
/** Any other whole number: small, as most counts and amounts are. */
const SMALL_NUMBER = 3;
/** A canonical base64 value (a refinement no generator can satisfy by chance). */
const BASE64_SAMPLE = "MIIBszCCAVmgAwIBAgIUQ2F0dlNhbXBsZUNlcnRpZmljYXRl";

const SAMPLE_INSTANT = "2026-11-24T01:00:00.000Z";
const SAMPLE_DATE = "2026-12-05";
const SEED = 20261124;
const cache = new WeakMap<z.ZodType, unknown>();
const variantCache = new WeakMap<z.ZodType, Map<string, unknown>>();
/** Every example published, with the schema it was generated from. */
export const publishedExamples: { schema: z.ZodType; example: unknown }[] = [];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths to every string and number in a value, and to any field an example leaves out. */
function leaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const key = path.at(-1);
  if (typeof key === "string" && FIELD_SAMPLES[key] === OMIT) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  // Booleans too, though only a field sample replaces one (a flag another field's rule depends on).
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? [path] : [];
}

function setAt(root: Json, path: (string | number)[], next: unknown): Json {
  if (path.length === 0) return next as Json;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, Json>;
  const [head, ...rest] = path;
  if (rest.length === 0 && next === OMIT) delete copy[head!];
  else copy[head!] = setAt(copy[head!] as Json, rest, next);
  return copy as Json;
}

function candidatesFor(path: (string | number)[], current: unknown, invalid: boolean): unknown[] {
  const keys = path.filter((p): p is string => typeof p === "string");
  const last = keys.at(-1) ?? "";
  const pair = keys.slice(-2).join(".");
  const out: unknown[] = [];
  if (pair in FIELD_SAMPLES) out.push(FIELD_SAMPLES[pair]);
  if (last in FIELD_SAMPLES) out.push(FIELD_SAMPLES[last]);
  // A number already of a readable size stays (a literal such as a tax rate of 10 among them).
  if (typeof current === "number" && Math.abs(current) >= 100_000) out.push(SMALL_NUMBER, 1, 0);
  // Instants and dates at one fixed, readable moment (the generator's are relative to the clock).
  if (typeof current === "string" && /^\d{4}-\d{2}-\d{2}T/.test(current)) out.push(SAMPLE_INSTANT);
  if (typeof current === "string" && /^\d{4}-\d{2}-\d{2}$/.test(current)) out.push(SAMPLE_DATE);
  // A refinement the generator could not meet: a base64 field.
  if (invalid && typeof current === "string" && !isCanonicalBase64(current)) out.push(BASE64_SAMPLE);
  return out;
}

/** The paths the schema objects to in a value, as `a.b.0`. */
function issuePaths(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
}

/** Replaces each leaf by a recognisable value where the schema accepts it there. */
function settle(schema: z.ZodType, generated: Json): Json {
  let value = generated;
  for (const path of leaves(value)) {
    const current = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
    const issues = issuePaths(schema, value);
    for (const candidate of candidatesFor(path, current, issues.includes(path.join(".")))) {
      const next = setAt(value, path, candidate);
      const after = issuePaths(schema, next);
      // Taken when the schema accepts it here and it breaks nothing elsewhere (another leaf may still be wrong).
      if (after.length <= issues.length && !after.includes(path.join("."))) {
        value = next;
        break;
      }
    }
  }
  return value;
}

function publish<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`No valid example for a schema: ${parsed.error.message}`);
  publishedExamples.push({ schema, example: value });
  return value as z.output<S>;
}

/**
 * The example of a schema (the same value each call).
 * @example jsonResponse(usageReportResponseSchema, "Accepted.") // content carries `example: exampleOf(schema)`
 */
export function exampleOf<S extends z.ZodType>(schema: S): z.output<S> {
  if (cache.has(schema)) return cache.get(schema) as z.output<S>;
  const generated = zocker(schema)
    .setSeed(SEED)
    .optional({ undefined_chance: 0 })
    .nullable({ null_chance: 0 })
    .array({ min: 1, max: 2 })
    .record({ min: 1, max: 1 })
    .number({ extreme_value_chance: 0 })
    .generate() as Json;
  const value = publish(schema, settle(schema, generated));
  cache.set(schema, value);
  return value;
}

/**
 * An example derived from a schema's generated one by `change` (an error body naming one code, say), parsed
 * with the schema and published like the generated ones.
 */
export function exampleVariant<S extends z.ZodType>(
  schema: S,
  key: string,
  change: (example: z.output<S>) => z.output<S>,
): z.output<S> {
  let variants = variantCache.get(schema);
  if (!variants) {
    variants = new Map();
    variantCache.set(schema, variants);
  }
  if (!variants.has(key)) variants.set(key, publish(schema, change(structuredClone(exampleOf(schema)))));
  return variants.get(key) as z.output<S>;
}
