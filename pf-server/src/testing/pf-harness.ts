/**
 * @module Test harness: the real J-LIS simulator (src/jlis) on an ephemeral port, a PF app over an in-memory
 * database, two operators (OCSP and CRL policies) with STB terminals, a sample provider and webhook receivers
 * on ephemeral ports, and helpers that act as the STB: terminal assertions and card signatures made with the
 * keys in J-LIS-issued card images (exactly what the emulated card would compute).
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isPinLevel } from "@catv/contracts";
import type { CardImage } from "@catv/jpki/card-image";
import { x509 } from "@catv/jpki/x509";
import { checkWebhook, createMemoryLogger, readWebhookHeaders, silentLogger } from "@catv/service-kit";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { createRemoteJWKSet, exportJWK, jwtVerify, SignJWT } from "jose";
import { buildContext } from "../build-context.ts";
import type { PfContext } from "../domain/context.ts";
import { type DeliveryPolicy, deliverOutboxEvents } from "../domain/deliver-outbox-events.ts";
import { registerTerminal, upsertOperator, upsertProvider } from "../domain/manage-tenants.ts";
import { createApp } from "../http/app.ts";
import { findResidentOrFail } from "../jlis/domain/find-resident.ts";
import { issueCard } from "../jlis/domain/issue-card.ts";
import { createJlisService, type JlisService } from "../jlis/jlis-service.ts";
import { createJlisClient, type JlisClient } from "../jlis-client/jlis-client.ts";
import { readFourInfo } from "../pki/four-info.ts";
import { normalizeSerial } from "../pki/validate-certificate.ts";
import { generateAccountId } from "../platform/account-id.ts";
import type { Clock } from "../platform/clock.ts";
import type { RateLimit } from "../platform/shared-rate-limits.ts";
import type { CrlChecker } from "../revocation/crl-checker.ts";
import type { AuditRow, VerifierSettings } from "../storage/repositories.ts";
import { createSqliteStore } from "../storage/sqlite/sqlite-store.ts";

export const ADMIN_TOKEN = "admin-token-for-tests-0123456789";
const JLIS_CREDENTIALS = {
  jlisVerifier: { id: "catv-common-pf", secret: "verifier-secret-0123456789" },
  jlisAdminToken: "jlis-admin-token-0123456789",
};

export interface TestTerminal {
  terminalId: string;
  operatorId: string;
  privateKey: KeyObject;
}

export interface ReceivedWebhook {
  id: string;
  target: string;
  verified: boolean;
  body: { id: string; type: string; data: Record<string, unknown> };
}

/** A clock tests can move: `offsetMs` shifts the PF's "now". */
export class TestClock implements Clock {
  offsetMs = 0;
  now() {
    return new Date(Date.now() + this.offsetMs);
  }
}

const listen = (fetch: (req: Request) => Response | Promise<Response>) =>
  new Promise<{ server: ServerType; url: string }>((resolve) => {
    const server = serve({ fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });

export interface Harness {
  ctx: PfContext & { crl: CrlChecker };
  app: ReturnType<typeof createApp>;
  clock: TestClock;
  jlis: JlisService;
  jlisUrl: string;
  logs: string[];
  terminals: { a1: TestTerminal; a2: TestTerminal; b1: TestTerminal };
  /** Registers one more STB terminal of an operator (a fresh key pair). */
  addTerminal(terminalId: string, operatorId: string): Promise<TestTerminal>;
  operatorKeys: { a: string; b: string };
  providerKey: string;
  webhooks: ReceivedWebhook[];
  /** Status the webhook receiver answers (to test retries). */
  webhookStatus: { value: number };
  providerRequests: { path: string; sub: string; acr: string; svc: string }[];
  /** The PF app listening on 127.0.0.1 (its JWKS is at `/.well-known/jwks.json`). */
  pfUrl: string;
  /** The webhook receiver: a tenant `t` registered with `<webhookBaseUrl>/t` and `webhookSecrets[t]` is verified. */
  webhookBaseUrl: string;
  webhookSecrets: Record<string, string>;
  /** Stops J-LIS answering (fail-closed tests). */
  setJlisDown(down: boolean): void;
  /** Puts a hook between the PF and J-LIS (undefined: none); `forward` passes a request on to J-LIS. */
  interceptJlis(hook: JlisInterceptor | undefined): void;
  issue(
    overrides?: Partial<Parameters<typeof issueCard>[1]>,
  ): Promise<{ residentId: string; card: CardImage }>;
  /** The resident's current card image (after a move, a renewal or a new card). */
  reloadCard(residentId: string): Promise<CardImage>;
  /** Every audit row so far, oldest first. */
  audit(): Promise<AuditRow[]>;
  jlisAdmin(path: string, body?: unknown): Promise<Response>;
  call(
    terminal: TestTerminal,
    method: string,
    path: string,
    body?: unknown,
    bearer?: string,
    assertion?: string,
  ): Promise<Response>;
  assertion(
    terminal: TestTerminal,
    method: string,
    path: string,
    overrides?: Record<string, unknown>,
  ): Promise<string>;
  deliver(policy?: Partial<DeliveryPolicy>): Promise<number>;
  close(): Promise<void>;
}

export type JlisInterceptor = (
  request: Request,
  forward: (request: Request) => Promise<Response>,
) => Promise<Response>;

export interface HarnessOptions {
  /** PIN-less starts per certificate (default: far above what a test file does; the limit has its own tests). */
  pinlessStartLimit?: RateLimit;
  /** How long an insurer has to answer an eligibility request (default: the PF's). */
  eligibilityTimeoutMs?: number;
  /** Synthetic revoked serials every full J-LIS CRL lists (default none). */
  syntheticRevocations?: { count: number; seed: string };
  /** Changes how the PF reaches J-LIS (a benchmark serves CRLs from another process). */
  wrapJlisClient?: (client: JlisClient) => JlisClient;
  /** J-LIS's full CRL period (default 60 s; a CRL is valid for two). */
  crlIntervalSeconds?: number;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "pf-test-"));
  const jlis = await createJlisService({
    dataDir: join(dir, "jlis"),
    publicUrl: "http://jlis.test",
    credentials: JLIS_CREDENTIALS,
    log: silentLogger,
    seed: false,
    crlIntervalSeconds: options.crlIntervalSeconds ?? 60,
    syntheticRevocations: options.syntheticRevocations,
  });
  let jlisDown = false;
  let interceptor: JlisInterceptor | undefined;
  const forward = async (req: Request) => jlis.app.fetch(req);
  const jlisServer = await listen((req) =>
    jlisDown ? new Response("down", { status: 503 }) : interceptor ? interceptor(req, forward) : forward(req),
  );

  const webhooks: ReceivedWebhook[] = [];
  const webhookStatus = { value: 200 };
  const providerRequests: Harness["providerRequests"] = [];
  const secrets: Record<string, string> = {
    "op-a": `whsec_${randomBytes(24).toString("base64")}`,
    "op-b": `whsec_${randomBytes(24).toString("base64")}`,
    "prov-test": `whsec_${randomBytes(24).toString("base64")}`,
  };
  const receiver = new Hono();
  receiver.post("/hooks/:target", async (c) => {
    const target = c.req.param("target");
    const raw = await c.req.text();
    const verified = checkWebhook(
      secrets[target] ?? "whsec_AAAA",
      readWebhookHeaders((name) => c.req.header(name)),
      raw,
      new Date(),
    ).ok;
    if (webhookStatus.value >= 300) return c.json({ error: "try later" }, webhookStatus.value as 503);
    webhooks.push({ id: c.req.header("webhook-id") ?? "", target, verified, body: JSON.parse(raw) });
    return c.body(null, 204);
  });
  const receiverServer = await listen(receiver.fetch);

  const clock = new TestClock();
  const memory = createMemoryLogger("pf-server");
  const store = createSqliteStore(":memory:");
  const directJlisClient = createJlisClient({
    baseUrl: jlisServer.url,
    verifierId: JLIS_CREDENTIALS.jlisVerifier.id,
    verifierSecret: JLIS_CREDENTIALS.jlisVerifier.secret,
    timeoutMs: 3000,
  });
  const jlisClient = options.wrapJlisClient ? options.wrapJlisClient(directJlisClient) : directJlisClient;
  const ctx = await buildContext({
    store,
    jlis: jlisClient,
    logger: memory,
    issuer: "http://pf.test",
    clock,
    pinlessStartLimit: options.pinlessStartLimit ?? { capacity: 10_000, refillPerSecond: 1000 },
    eligibilityTimeoutMs: options.eligibilityTimeoutMs,
  });
  // Tests drive one terminal hard; the rate limit has its own test.
  const app = createApp(ctx, {
    adminToken: ADMIN_TOKEN,
    tvOrigins: ["http://tv.test"],
    challengeRateLimit: { capacity: 10_000, refillPerSecond: 1000 },
  });

  // The sample provider verifies PF assertions with the PF's JWKS, as a real provider would.
  const pfServer = await listen(app.fetch);
  const jwks = createRemoteJWKSet(new URL(`${pfServer.url}/.well-known/jwks.json`));
  const provider = new Hono();
  provider.all("/*", async (c) => {
    const token = c.req.header("authorization")?.replace(/^Bearer /, "") ?? "";
    const { payload } = await jwtVerify(token, jwks, {
      issuer: "http://pf.test",
      audience: "prov-test",
    }).catch(() => ({ payload: undefined }));
    if (!payload) return c.json({ error: { code: "bad_assertion", message: "no" } }, 401);
    const path = new URL(c.req.url).pathname;
    providerRequests.push({
      path,
      sub: String(payload.sub),
      acr: String(payload.acr),
      svc: String(payload.svc),
    });
    if (path === "/pf/enrolments")
      return c.json({ providerUserId: `user-${String(payload.sub).slice(0, 8)}` }, 201);
    if (path === "/bookings" && c.req.method === "POST" && !isPinLevel(String(payload.acr))) {
      return c.json({ error: { code: "step_up_required", message: "Paid bookings need the PIN." } }, 403);
    }
    if (path === "/broken") return c.json({ error: "boom" }, 500);
    return c.json({
      path,
      method: c.req.method,
      query: new URL(c.req.url).search,
      body: c.req.method === "GET" ? null : await c.req.json().catch(() => null),
    });
  });
  const providerServer = await listen(provider.fetch);

  const scope = { requestId: "test-setup" };
  const branding = {
    operatorName: "Test CATV",
    portalTitle: "Test portal",
    primaryColor: "#112233",
    accentColor: "#445566",
  };
  const operatorKeys = {
    a: `op-a-key-${randomBytes(12).toString("hex")}`,
    b: `op-b-key-${randomBytes(12).toString("hex")}`,
  };
  await upsertOperator(ctx, scope, {
    id: "op-a",
    name: "Operator A",
    town: "南砺市",
    prefecture: "富山県",
    apiKey: operatorKeys.a,
    revocationPolicy: "ocsp",
    branding,
    webhookUrl: `${receiverServer.url}/hooks/op-a`,
    webhookSecret: secrets["op-a"] ?? null,
  });
  await upsertOperator(ctx, scope, {
    id: "op-b",
    name: "Operator B",
    town: "須坂市",
    prefecture: "長野県",
    apiKey: operatorKeys.b,
    revocationPolicy: "crl",
    branding,
    webhookUrl: `${receiverServer.url}/hooks/op-b`,
    webhookSecret: secrets["op-b"] ?? null,
  });
  const makeTerminal = async (terminalId: string, operatorId: string): Promise<TestTerminal> => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = (await exportJWK(publicKey)) as { kty: "EC"; crv: "P-256"; x: string; y: string };
    await registerTerminal(ctx, scope, operatorId, {
      terminalId,
      publicJwk: { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y },
      status: "active",
    });
    return { terminalId, operatorId, privateKey };
  };
  const terminals = {
    a1: await makeTerminal("stb-a-1", "op-a"),
    a2: await makeTerminal("stb-a-2", "op-a"),
    b1: await makeTerminal("stb-b-1", "op-b"),
  };
  const providerKey = `prov-key-${randomBytes(12).toString("hex")}`;
  await upsertProvider(ctx, scope, {
    id: "prov-test",
    name: "Test provider",
    apiBaseUrl: providerServer.url,
    webhookUrl: `${receiverServer.url}/hooks/prov-test`,
    webhookSecret: secrets["prov-test"] ?? null,
    apiKey: providerKey,
    pinlessAllowed: true,
    services: [
      {
        serviceId: "svc-open",
        kind: "healthcare",
        name: "閲覧",
        nameEn: "Open",
        requiresPin: false,
        scope: ["pairwise-id"],
      },
      {
        serviceId: "svc-pin",
        kind: "facility-booking",
        name: "PIN必須",
        nameEn: "PIN only",
        requiresPin: true,
        scope: ["pairwise-id"],
      },
    ],
  });

  const assertion: Harness["assertion"] = (terminal, method, path, overrides = {}) =>
    new SignJWT({ htm: method, htu: path, iat: Math.floor(clock.now().getTime() / 1000), ...overrides })
      .setProtectedHeader({ alg: "ES256", typ: "terminal+jwt", kid: terminal.terminalId })
      .setIssuer(terminal.terminalId)
      .setAudience("catv-pf")
      .setJti(randomBytes(12).toString("base64url"))
      .sign(terminal.privateKey);

  let seq = 0;
  return {
    ctx,
    app,
    clock,
    jlis,
    jlisUrl: jlisServer.url,
    logs: memory.lines,
    terminals,
    addTerminal: makeTerminal,
    operatorKeys,
    providerKey,
    webhooks,
    webhookStatus,
    providerRequests,
    pfUrl: pfServer.url,
    webhookBaseUrl: `${receiverServer.url}/hooks`,
    webhookSecrets: secrets,
    setJlisDown: (down) => {
      jlisDown = down;
    },
    interceptJlis: (hook) => {
      interceptor = hook;
    },
    async issue(overrides = {}) {
      seq++;
      const issued = await issueCard(jlis.ctx, {
        name: `試験 太郎${seq}`,
        address: `富山県南砺市試験町${seq}番地`,
        birthDate: "1980-02-17",
        gender: "1",
        town: "南砺市",
        authPin: "1234",
        signPassword: "TESTPASS1",
        ...overrides,
      });
      return {
        residentId: issued.resident.id,
        card: JSON.parse(readFileSync(issued.cardImagePath, "utf8")) as CardImage,
      };
    },
    async reloadCard(residentId) {
      // A renewal after a loss issues a new card (a new card ID): read the resident's current one.
      const { cardId } = await findResidentOrFail(jlis.ctx.repo, residentId);
      return jlis.ctx.cards.read(cardId);
    },
    async audit() {
      const rows: AuditRow[] = [];
      for (;;) {
        const page = await store.metering.listAudit({ afterSeq: rows.at(-1)?.seq, limit: 1000 });
        rows.push(...page);
        if (page.length < 1000) return rows;
      }
    },
    jlisAdmin: (path, body) =>
      fetch(`${jlisServer.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          authorization: `Bearer ${JLIS_CREDENTIALS.jlisAdminToken}`,
          "content-type": "application/json",
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    async call(terminal, method, path, body, bearer, given) {
      const headers: Record<string, string> = {
        "x-terminal-assertion": given ?? (await assertion(terminal, method, path)),
      };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      return app.request(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    assertion,
    deliver: (policy = {}) =>
      deliverOutboxEvents(ctx, {
        baseDelayMs: 1000,
        maxDelayMs: 60_000,
        maxAttempts: 3,
        timeoutMs: 3000,
        random: () => 0.5,
        ...policy,
      }),
    async close() {
      for (const s of [jlisServer.server, receiverServer.server, providerServer.server, pfServer.server])
        s.close();
      await jlis.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the card computes for `80 2A`: PKCS#1 v1.5 over DigestInfo(SHA-256(data)). */
export function cardSign(privateKeyPkcs8Base64: string, data: Uint8Array): string {
  const key = createPrivateKey({
    key: Buffer.from(privateKeyPkcs8Base64, "base64"),
    format: "der",
    type: "pkcs8",
  });
  return sign("sha256", data, key).toString("base64");
}

export const consent = () => ({ textVersion: "2026-04", acceptedAt: new Date().toISOString() });

/** What the STB sends to bind a card: the CVC and the 券面 key's signature over `toBeSigned` (80 2A 00 00). */
export function cardKeyProof(card: CardImage, toBeSigned: Uint8Array) {
  return {
    cardVerifiableCertificate: card.kenkaku.cardVerifiableCertificate,
    signature: cardSign(card.kenkaku.cardPrivateKey, toBeSigned),
  };
}

/**
 * The STB's registration: challenge → signature with the signature key and the card-binding proof from the same
 * card (or `proofFrom`) → POST /v1/registrations.
 */
export async function register(
  h: Harness,
  terminal: TestTerminal,
  card: CardImage,
  overrides: Record<string, unknown> = {},
  proofFrom: CardImage = card,
) {
  const ch = (await (
    await h.call(terminal, "POST", "/v1/challenges", { purpose: "registration" })
  ).json()) as { challengeId: string; toBeSigned: string };
  const toBeSigned = Buffer.from(ch.toBeSigned, "base64");
  return h.call(terminal, "POST", "/v1/registrations", {
    challengeId: ch.challengeId,
    signatureCertificate: card.jpki.signCertificate,
    authenticationCertificate: card.jpki.authCertificate,
    signature: cardSign(card.jpki.signPrivateKey, toBeSigned),
    cardKeyProof: cardKeyProof(proofFrom, toBeSigned),
    consent: consent(),
    ...overrides,
  });
}

/**
 * A viewer as a registration made before card binding left it: person, account and certificate rows, no bound
 * card. Written to the store directly, as the PF's database holds such viewers from before the change.
 */
export async function registerWithoutCardBinding(h: Harness, terminal: TestTerminal, card: CardImage) {
  const now = h.clock.now().toISOString();
  const cableId = generateAccountId();
  const personId = `psn_${randomBytes(16).toString("base64url")}`;
  const serialOf = (base64: string) =>
    normalizeSerial(new x509.X509Certificate(Buffer.from(base64, "base64")).serialNumber);
  const birthDate = readFourInfo(new x509.X509Certificate(Buffer.from(card.jpki.signCertificate, "base64")))
    ?.dateOfBirth as string;
  await h.ctx.store.people.saveRegistration({
    person: { id: personId, birthDate, createdAt: now, updatedAt: now },
    isNewPerson: true,
    account: {
      verifierId: terminal.operatorId,
      personId,
      accountId: cableId,
      linkStatus: "pending",
      consentTextVersion: "2026-04",
      consentAcceptedAt: now,
      registeredAt: now,
      updatedAt: now,
    },
    isNewAccount: true,
    certificates: (["sign", "auth"] as const).map((kind) => ({
      serialHex: serialOf(kind === "sign" ? card.jpki.signCertificate : card.jpki.authCertificate),
      kind,
      personId,
      notAfter: new Date(Date.now() + 365 * 86400_000).toISOString(),
      status: "active" as const,
      createdAt: now,
    })),
  });
  return cableId;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  acr: string;
  cableId: string;
}

/**
 * PIN login: `login` challenge signed with the user-authentication key; with `proofFrom`, also the card-binding
 * proof of that card (a login after a PIN-less refusal carries it).
 */
export async function loginWithPin(
  h: Harness,
  terminal: TestTerminal,
  card: CardImage,
  purpose: "login" | "step-up" = "login",
  bearer?: string,
  proofFrom?: CardImage,
) {
  const ch = (await (await h.call(terminal, "POST", "/v1/challenges", { purpose })).json()) as {
    challengeId: string;
    toBeSigned: string;
  };
  const toBeSigned = Buffer.from(ch.toBeSigned, "base64");
  return h.call(
    terminal,
    "POST",
    purpose === "login" ? "/v1/sessions" : "/v1/sessions/step-up",
    {
      challengeId: ch.challengeId,
      authenticationCertificate: card.jpki.authCertificate,
      signature: cardSign(card.jpki.authPrivateKey, toBeSigned),
      ...(proofFrom ? { cardKeyProof: cardKeyProof(proofFrom, toBeSigned) } : {}),
    },
    bearer,
  );
}

export interface PinlessStart {
  challengeId: string;
  challenge: string;
  birthDateKey: string;
}

/** PIN-less start: the user-authentication certificate of `card` and the CVC of `cvcFrom`. */
export function startPinless(h: Harness, terminal: TestTerminal, card: CardImage, cvcFrom: CardImage = card) {
  return h.call(terminal, "POST", "/v1/pinless/start", {
    authenticationCertificate: card.jpki.authCertificate,
    cardVerifiableCertificate: cvcFrom.kenkaku.cardVerifiableCertificate,
  });
}

/**
 * PIN-less: start with the auth certificate and a CVC, then the 券面事項確認AP proof over the challenge — the record,
 * CVC and signing key of `proofFrom` (the same card unless an attack says otherwise).
 */
export async function loginPinless(
  h: Harness,
  terminal: TestTerminal,
  card: CardImage,
  proofFrom: CardImage = card,
  startCvcFrom: CardImage = proofFrom,
) {
  const start = await startPinless(h, terminal, card, startCvcFrom);
  if (start.status !== 200) return start;
  const ch = (await start.json()) as PinlessStart;
  return h.call(terminal, "POST", "/v1/pinless/sessions", {
    challengeId: ch.challengeId,
    dateOfBirthRecord: proofFrom.kenkaku.dateOfBirthRecord,
    cardVerifiableCertificate: proofFrom.kenkaku.cardVerifiableCertificate,
    signature: cardSign(proofFrom.kenkaku.cardPrivateKey, Buffer.from(ch.challenge, "base64")),
  });
}

export async function errorCode(res: Response): Promise<string> {
  const body = (await res.json()) as { error?: { code?: string } };
  return body.error?.code ?? `status ${res.status}`;
}

/**
 * Runs `run` with the verifier settings of some tenants changed (`{ "op-a": { crossVerifierLogins: true } }`),
 * then puts the settings back, whatever `run` did.
 */
export async function withVerifierSettings<T>(
  h: Harness,
  patches: Record<string, Partial<VerifierSettings>>,
  run: () => Promise<T>,
): Promise<T> {
  const saved: {
    tenant: NonNullable<Awaited<ReturnType<typeof h.ctx.store.tenants.getTenant>>>;
    verifier: VerifierSettings;
  }[] = [];
  for (const [id, patch] of Object.entries(patches)) {
    const tenant = await h.ctx.store.tenants.getTenant(id);
    const verifier = await h.ctx.store.tenants.getVerifier(id);
    if (!tenant || !verifier) throw new Error(`no verifier ${id}`);
    saved.push({ tenant, verifier });
    await h.ctx.store.tenants.saveTenant({ tenant, verifier: { ...verifier, ...patch } });
  }
  try {
    return await run();
  } finally {
    for (const { tenant, verifier } of saved) await h.ctx.store.tenants.saveTenant({ tenant, verifier });
  }
}

/** The card bound to the person behind an account ID (a cable ID), if any. */
export async function bindingOf(h: Harness, accountId: string) {
  const account = await h.ctx.store.people.findAccount(accountId);
  return account && h.ctx.store.people.getBinding(account.personId);
}
