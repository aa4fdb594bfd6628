/**
 * @module Test harness: an in-memory console with two operators, a controllable clock, a PF double (a real HTTP
 * server on 127.0.0.1:0 that records calls), signed-webhook and logged-in-staff helpers.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  assistedRegistrationResponseSchema,
  feeStatementSchema,
  type OperatorEvent,
  operatorSessionsResponseSchema,
  settlementResponseSchema,
} from "@catv/contracts";
import { jstMonth } from "@catv/contracts/calendar";
import { addedTax } from "@catv/contracts/invoice-tax";
import { signWebhook } from "@catv/service-kit";
import type { z } from "zod";
import { createApp } from "../app.tsx";
import type { DemoCredentials } from "../config.ts";
import { type Db, openDatabase } from "../db/open-database.ts";
import { createRepositories } from "../db/repositories.ts";
import type { Actor, Deps } from "../domain/context.ts";
import { createPfClient } from "../domain/pf-client.ts";
import type { Repositories } from "../domain/repositories.ts";
import { seedDemo } from "../seed/seed-demo.ts";

export interface PfCall {
  method: string;
  path: string;
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  body: unknown;
}

/** A stand-in for the PF's operator API that records each call; `respond` decides the answer. */
export class PfDouble {
  readonly calls: PfCall[] = [];
  /** The PF's clock (the harness sets it to its own): it decides whether a fee statement is provisional. */
  now: () => Date = () => new Date();
  respond: (call: PfCall) => { status: number; body?: unknown } = (call) => defaultPfResponse(call, this);
  private server: Server | undefined;
  url = "";
  async start(): Promise<this> {
    this.server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString("utf8");
      const call: PfCall = {
        method: req.method ?? "",
        path: req.url ?? "",
        authorization: req.headers.authorization,
        idempotencyKey: req.headers["idempotency-key"] as string | undefined,
        body: text ? JSON.parse(text) : undefined,
      };
      this.calls.push(call);
      const answer = this.respond(call);
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** One route of the PF's operator API the double imitates, with the contract schema of its answer's body. */
export interface ImitatedPfRoute {
  method: "GET" | "POST" | "PUT";
  path: RegExp;
  /** null for a route that answers 204 without a body. */
  schema: z.ZodType | null;
  answer: (call: PfCall, pf: PfDouble) => { status: number; body?: unknown };
}

/** What the double answers by default: the PF's success bodies, held to the contracts (harness.test.ts). */
export const pfDoubleRoutes: ImitatedPfRoute[] = [
  {
    method: "PUT",
    path: /^\/v1\/operator\/cable-ids\/[^/]+\/household-link$/,
    schema: null,
    answer: () => ({ status: 204 }),
  },
  {
    method: "POST",
    path: /^\/v1\/operator\/assisted-registrations$/,
    schema: assistedRegistrationResponseSchema,
    answer: () => ({
      status: 201,
      body: {
        registrationSessionId: `reg-${randomBytes(4).toString("hex")}`,
        expiresAt: "2026-06-01T00:10:00.000Z",
      },
    }),
  },
  {
    method: "POST",
    path: /^\/v1\/operator\/settlements$/,
    schema: settlementResponseSchema,
    answer: () => ({
      status: 201,
      body: { settlementId: `set-${randomBytes(4).toString("hex")}`, status: "accepted" },
    }),
  },
  {
    method: "GET",
    path: /^\/v1\/operator\/fee-statements\/[0-9]{4}-[0-9]{2}$/,
    schema: feeStatementSchema,
    answer: (call, pf) => ({
      status: 200,
      body: {
        operatorId: "op-a",
        month: call.path.slice(-7),
        provisional: call.path.slice(-7) >= jstMonth(pf.now()),
        asOf: pf.now().toISOString(),
        lines: [
          { item: "login", description: "ログイン", count: 120, unitPriceYen: 2, amountYen: 240 },
          { item: "jpki_check", description: "JPKI有効性確認", count: 150, unitPriceYen: 3, amountYen: 450 },
        ],
        subtotalYen: 690,
        taxYen: addedTax(690, 10),
        totalYen: 690 + addedTax(690, 10),
      },
    }),
  },
];

/** Two sessions of the PF's list: one from a phone, one from the STB's reader. */
pfDoubleRoutes.push({
  method: "GET",
  path: /^\/v1\/operator\/sessions$/,
  schema: operatorSessionsResponseSchema,
  answer: () => ({
    status: 200,
    body: {
      sessions: [
        {
          cableId: "JJJJ-JJJJ-JJJJ-0001",
          terminalId: "stb-a-0001",
          acr: "urn:catv:acr:pin-phone",
          source: "phone",
          startedAt: "2026-06-03T01:00:00.000Z",
          endedAt: null,
        },
        {
          cableId: "JJJJ-JJJJ-JJJJ-0002",
          terminalId: "stb-a-0002",
          acr: "urn:catv:acr:pinless",
          source: "stb-reader",
          startedAt: "2026-06-02T01:00:00.000Z",
          endedAt: "2026-06-02T02:00:00.000Z",
        },
      ],
    },
  }),
});

export function defaultPfResponse(call: PfCall, pf: PfDouble): { status: number; body?: unknown } {
  const route = pfDoubleRoutes.find((r) => r.method === call.method && r.path.test(call.path));
  if (route) return route.answer(call, pf);
  return { status: 404, body: { error: { code: "not_found", message: "no", requestId: "x" } } };
}

export const credentials: DemoCredentials = {
  operators: [
    {
      id: "op-a",
      name: "なんとケーブルテレビ（テスト）",
      town: "南砺市",
      prefecture: "富山県",
      apiKey: "api-key-a",
      webhookSecret: `whsec_${Buffer.from("secret-of-operator-a-0123456789ab").toString("base64")}`,
      staff: [
        { loginId: "a-admin", password: "a-admin-pass", role: "admin", displayName: "A 管理者" },
        { loginId: "a-staff", password: "a-staff-pass", role: "staff", displayName: "A 窓口" },
      ],
      terminals: [{ terminalId: "stb-a-0001" }, { terminalId: "stb-a-0002" }],
    },
    {
      id: "op-b",
      name: "すざかケーブルネット（テスト）",
      town: "須坂市",
      prefecture: "長野県",
      apiKey: "api-key-b",
      webhookSecret: `whsec_${Buffer.from("secret-of-operator-b-0123456789ab").toString("base64")}`,
      staff: [
        { loginId: "b-admin", password: "b-admin-pass", role: "admin", displayName: "B 管理者" },
        { loginId: "b-staff", password: "b-staff-pass", role: "staff", displayName: "B 窓口" },
      ],
      terminals: [{ terminalId: "stb-b-0001" }],
    },
  ],
  providers: [{ id: "prov-facility", name: "公共施設予約" }],
};

export interface Harness {
  repos: Repositories;
  /** The SQLite database behind `repos`, for tests that look at what is stored. */
  db: Db;
  deps: Deps;
  app: ReturnType<typeof createApp>;
  pf: PfDouble;
  clock: { now: Date };
  logs: { level: string; msg: string; fields?: Record<string, unknown> }[];
  actor(operatorId: "op-a" | "op-b", role?: "staff" | "admin"): Actor;
  close(): Promise<void>;
}

// Staff hashes use the real OWASP scrypt cost; hash once per test file and reuse the seeded database file image.
export async function createHarness(options: { householdsPerTown?: number } = {}): Promise<Harness> {
  const pf = await new PfDouble().start();
  const db = openDatabase(":memory:");
  const repos = createRepositories(db);
  const clock = { now: new Date("2026-06-15T03:00:00.000Z") };
  pf.now = () => clock.now;
  const logs: Harness["logs"] = [];
  const deps: Deps = {
    repos,
    pf: createPfClient(pf.url),
    now: () => clock.now,
    log: (level, msg, fields) => logs.push({ level, msg, ...(fields ? { fields } : {}) }),
  };
  await seedDemo(repos, credentials, { households: true, householdsPerTown: options.householdsPerTown ?? 5 });
  return {
    repos,
    db,
    deps,
    app: createApp(deps),
    pf,
    clock,
    logs,
    actor: (operatorId, role = "admin") => ({
      operatorId,
      loginId: `${operatorId}-${role}`,
      role,
      requestId: "test",
    }),
    close: async () => {
      db.$client.close();
      await pf.stop();
    },
  };
}

/**
 * Posts an event to /webhooks/pf signed with an operator's secret. To test refusal: another `secret`, an old
 * `timestamp`, another `body` (signed), a body changed by `alterAfterSigning`, or extra `headers`.
 */
export async function deliver(
  h: Harness,
  event: OperatorEvent,
  options: {
    operator?: "op-a" | "op-b";
    secret?: string;
    timestamp?: number;
    body?: string;
    alterAfterSigning?: (signed: string) => string;
    headers?: Record<string, string>;
  } = {},
) {
  const operator = credentials.operators.find((o) => o.id === (options.operator ?? "op-a"));
  const secret = options.secret ?? operator?.webhookSecret ?? "";
  const body = options.body ?? JSON.stringify(event);
  const timestamp = options.timestamp ?? Math.floor(h.clock.now.getTime() / 1000);
  return h.app.request("/webhooks/pf", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...options.headers,
      "webhook-id": event.id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signWebhook(secret, event.id, timestamp, body),
    },
    body: options.alterAfterSigning ? options.alterAfterSigning(body) : body,
  });
}

type FourInfo = { name: string; address: string; dateOfBirth: string; gender?: "1" | "2" | "9" };

/** 山田 太郎's certificate (a J-LIS seed resident): it matches the demo register's NT-00001 automatically. */
export const yamadaTaro = {
  name: "山田 太郎",
  address: "富山県南砺市福光1234番地",
  dateOfBirth: "1958-04-12",
};

let eventCounter = 0;
export const eventId = () => `evt_${++eventCounter}_${randomBytes(3).toString("hex")}`;

export function registeredEvent(
  cableId: string,
  fourInfo: FourInfo & { nameAlternativeFlags?: string },
  extra: { assisted?: { contractId: string; memberId: string }; registeredAt?: string } = {},
): OperatorEvent {
  return {
    id: eventId(),
    type: "cable_id.registered",
    timestamp: "2026-06-15T03:00:00.000Z",
    data: {
      cableId,
      registeredAt: extra.registeredAt ?? "2026-06-15T03:00:00.000Z",
      terminalId: "stb-a-0001",
      fourInfo: { gender: "1", ...fourInfo },
      ...(extra.assisted ? { assisted: extra.assisted } : {}),
    },
  };
}

/** A certificate renewal or reissue that changed the 4情報 (gender "1" unless given). */
export function updatedEvent(
  cableId: string,
  fourInfo: FourInfo,
  reason: "renewed" | "reissued" = "renewed",
): OperatorEvent {
  return {
    id: eventId(),
    type: "cable_id.updated",
    timestamp: "2026-06-15T03:00:00.000Z",
    data: {
      cableId,
      updatedAt: "2026-06-15T03:00:00.000Z",
      reason,
      fourInfo: { gender: "1", ...fourInfo },
    },
  };
}

export function usageEvent(
  usageId: string,
  cableId: string,
  amountYen: number,
  occurredAt: string,
  extra: {
    kind?: "charge" | "reversal";
    reverses?: string;
    taxRatePercent?: 0 | 8 | 10;
    providerId?: string;
  } = {},
): OperatorEvent {
  return {
    id: eventId(),
    type: "usage.reported",
    timestamp: occurredAt,
    data: {
      usageId,
      cableId,
      providerId: extra.providerId ?? "prov-facility",
      providerName: extra.providerId === "prov-healthcare" ? "ヘルスケア情報" : "公共施設予約",
      serviceId: "svc-1",
      kind: extra.kind ?? "charge",
      amountYen,
      taxRatePercent: extra.taxRatePercent ?? 10,
      description: extra.providerId === "prov-healthcare" ? "健診結果の閲覧" : "体育館 予約",
      occurredAt,
      ...(extra.reverses ? { reversesUsageId: extra.reverses } : {}),
    },
  };
}

/** The household form as the browser posts it: one memberId/memberName/… value per member row. */
export function householdForm(household: {
  contractId?: string;
  address: string;
  plan: string;
  monthlyFeeYen: string;
  members?: { memberId?: string; name: string; birthDate: string; gender: string }[];
}): Record<string, string | string[]> {
  const { members = [], ...fields } = household;
  return {
    ...fields,
    memberId: members.map((m) => m.memberId ?? ""),
    memberName: members.map((m) => m.name),
    memberBirthDate: members.map((m) => m.birthDate),
    memberGender: members.map((m) => m.gender),
  };
}

/** A logged-in browser: keeps cookies and reads the CSRF token from the last page. */
export class Browser {
  private cookies = new Map<string, string>();
  csrf = "";
  private readonly h: Harness;
  constructor(h: Harness) {
    this.h = h;
  }
  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = (pair ?? "").split("=");
      if (name) {
        if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
        else this.cookies.set(name, value.join("="));
      }
    }
  }
  async get(path: string) {
    const res = await this.h.app.request(path, { headers: { cookie: this.cookieHeader() } });
    this.keep(res);
    const text = await res.clone().text();
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m?.[1]) this.csrf = m[1];
    return res;
  }
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: string | null } = {},
  ) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(fields))
      for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
    if (options.csrf !== null) form.append("_csrf", options.csrf ?? this.csrf);
    const res = await this.h.app.request(path, {
      method: "POST",
      headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    this.keep(res);
    return res;
  }
  async postMultipart(path: string, form: FormData) {
    form.append("_csrf", this.csrf);
    const res = await this.h.app.request(path, {
      method: "POST",
      headers: { cookie: this.cookieHeader() },
      body: form,
    });
    this.keep(res);
    return res;
  }
  async login(loginId: string, password: string) {
    await this.get("/login");
    const res = await this.post("/login", { loginId, password, next: "/" });
    await this.get("/");
    return res;
  }
}

export async function loggedIn(h: Harness, loginId: string): Promise<Browser> {
  const staff = credentials.operators.flatMap((o) => o.staff).find((s) => s.loginId === loginId);
  const browser = new Browser(h);
  const res = await browser.login(loginId, staff?.password ?? "");
  if (res.status !== 303) throw new Error(`login failed for ${loginId}: ${res.status}`);
  return browser;
}
