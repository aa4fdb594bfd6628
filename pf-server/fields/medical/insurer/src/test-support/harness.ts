/**
 * @module Test harness: the insurers' system over an in-memory database with the two demo insurers and their demo
 * registers, a PF double of the verifier API (a real HTTP server on 127.0.0.1:0 whose JWKS the eligibility API
 * verifies against), registrations made as the PF makes them (signed `account.registered` events), eligibility
 * requests with the PF's assertions, and a logged-in staff browser (cookies and CSRF token kept).
 */
import type { FourInfo } from "@catv/contracts";
import { startVerifierPfDouble, type VerifierPfDouble, verifierEvent } from "@catv/provider-kit/testing";
import { createMemoryLogger } from "@catv/service-kit";
import { createApp } from "../app.tsx";
import type { InsurerConfig } from "../config.ts";
import { openInsurerDb } from "../db/open-insurer-db.ts";
import { deliverLinkStates } from "../domain/deliver-link-states.ts";
import type { Deps } from "../domain/ports.ts";
import { createPfVerifierClient } from "../pf/pf-verifier-client.ts";
import { DEMO_INSURER_IDS } from "../seed/demo-members.ts";
import { demoPersonId, seedDemo } from "../seed/seed-demo.ts";

export const KOKUHO = DEMO_INSURER_IDS.kokuho;
export const KENPO = DEMO_INSURER_IDS.kenpo;

const secret = (label: string) =>
  `whsec_${Buffer.from(`${label}-0123456789abcdef-secret`).toString("base64")}`;

export const testInsurers: InsurerConfig[] = [
  {
    id: KOKUHO,
    name: "酒田市国民健康保険（テスト）",
    kind: "national-health-insurance",
    insurerNumber: "069997",
    town: "酒田市",
    prefecture: "山形県",
    apiKey: "api-key-of-sakata-kokuho-0001",
    webhookSecret: secret("kokuho"),
    staff: [
      { loginId: "kokuho-admin", password: "kokuho-admin-pass", role: "admin", displayName: "国保 管理者" },
      { loginId: "kokuho-staff", password: "kokuho-staff-pass", role: "staff", displayName: "国保 担当" },
    ],
  },
  {
    id: KENPO,
    name: "庄内ものづくり健康保険組合（テスト）",
    kind: "health-insurance-society",
    insurerNumber: "06069991",
    town: "酒田市",
    prefecture: "山形県",
    apiKey: "api-key-of-shonai-kenpo-00001",
    webhookSecret: secret("kenpo"),
    staff: [
      { loginId: "kenpo-admin", password: "kenpo-admin-pass", role: "admin", displayName: "健保 管理者" },
      { loginId: "kenpo-staff", password: "kenpo-staff-pass", role: "staff", displayName: "健保 担当" },
    ],
  },
];

export const insurerOf = (id: string) => testInsurers.find((i) => i.id === id)!;

/** The internal ID of a demo person by 記号・番号・枝番. */
export const personId = (insurerId: string, symbol: string, number: string, branch: string) =>
  demoPersonId(insurerId, symbol, number, branch);

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(
  options: { readerBootFile?: string; registrationScript?: () => Promise<string> } = {},
) {
  const pf = await startVerifierPfDouble({
    verifiers: testInsurers.map((i) => ({ id: i.id, apiKey: i.apiKey })),
  });
  const database = openInsurerDb(":memory:");
  const logger = createMemoryLogger("medical-insurer");
  const deps: Deps = {
    store: database.store,
    pf: createPfVerifierClient(pf.url),
    secrets: (id) => {
      const insurer = testInsurers.find((i) => i.id === id);
      return insurer && { apiKey: insurer.apiKey, webhookSecret: insurer.webhookSecret };
    },
    now: () => new Date(),
    logger,
  };
  // A cheap scrypt cost: the parameters travel in the hash, and login verifies with them.
  await seedDemo(database.store, testInsurers, { passwordCost: 2 ** 10 });
  const app = createApp({
    deps,
    logger,
    pfUrl: pf.url,
    insurerIds: testInsurers.map((i) => i.id),
    replayStore: database.replayStore,
    readerBootFile: options.readerBootFile ?? "/nonexistent/bridge-boot.json",
    registrationScript: options.registrationScript ?? (async () => "/* registration page script */"),
  });
  let eventCounter = 0;

  /** A registration as the PF reports it: a 共通的PFID issued at the double and `account.registered`. */
  async function register(
    insurerId: string,
    fourInfo: FourInfo,
    via: { channel: "terminal"; siteKind: "in-person" | "remote" } | { channel: "verifier" } = {
      channel: "terminal",
      siteKind: "in-person",
    },
  ): Promise<string> {
    const accountId = pf.issueAccount(insurerId);
    const res = await sendEvent(insurerId, {
      id: `evt_${++eventCounter}_${accountId}`,
      type: "account.registered",
      timestamp: new Date().toISOString(),
      data: {
        accountId,
        registeredAt: new Date().toISOString(),
        via,
        fourInfo,
        consent: { textVersion: "reception-registration-2026-12", acceptedAt: new Date().toISOString() },
      },
    });
    if (res.status !== 200) throw new Error(`registration event refused: ${res.status} ${await res.text()}`);
    return accountId;
  }

  function sendEvent(insurerId: string, event: Parameters<typeof verifierEvent>[1], signWith?: string) {
    return app.request(
      `/insurers/${insurerId}/pf/events`,
      verifierEvent(signWith ?? insurerOf(insurerId).webhookSecret, event),
    );
  }

  /** The PF asks `insurerId` for the eligibility of `accountId` (assertion options override the defaults). */
  async function askEligibility(
    insurerId: string,
    accountId: string,
    claims: Partial<Parameters<VerifierPfDouble["eligibilityAssertion"]>[0]> = {},
    path = `/insurers/${insurerId}/pf/eligibility`,
  ) {
    const token = await pf.eligibilityAssertion({ aud: insurerId, sub: accountId, ...claims });
    return app.request(path, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  }

  async function close() {
    database.close();
    await pf.close();
  }

  return {
    app,
    pf,
    deps,
    logger,
    store: database.store,
    register,
    sendEvent,
    askEligibility,
    deliver: () => deliverLinkStates(deps, undefined, () => 0),
    close,
  };
}

/** A staff member's browser: cookies kept between requests, the CSRF token of the session sent with each form. */
export async function staffBrowser(harness: Harness, loginId: string, password = `${loginId}-pass`) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (line.includes("Max-Age=0")) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join("="));
    }
    return res;
  };
  const request = async (path: string, init: RequestInit = {}) =>
    keep(
      await harness.app.request(path, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() },
      }),
    );
  const loginPage = await (await request("/login")).text();
  const loginToken = /name="_csrf" value="([^"]+)"/.exec(loginPage)?.[1] ?? "";
  const login = await request("/login", {
    method: "POST",
    body: new URLSearchParams({ _csrf: loginToken, loginId, password, next: "/" }),
  });
  let csrf = "";
  if (login.status === 303) {
    const home = await (await request("/")).text();
    csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? "";
  }
  return {
    loginStatus: login.status,
    csrf: () => csrf,
    get: (path: string) => request(path),
    /** A form post with the session's CSRF token (unless `_csrf` is given). */
    post: (path: string, form: Record<string, string | string[]> = {}) => {
      const body = new URLSearchParams();
      if (!("_csrf" in form)) body.append("_csrf", csrf);
      for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
      return request(path, { method: "POST", body });
    },
    upload: (path: string, file: Uint8Array, fileName = "himozuke.csv") => {
      const body = new FormData();
      body.append("_csrf", csrf);
      body.append("file", new File([new Uint8Array(file)], fileName, { type: "text/csv" }));
      return request(path, { method: "POST", body });
    },
  };
}

/** The 4情報 of the J-LIS simulator's demo residents (pf-server/src/jlis/seed/residents.ts), as their certificates carry them. */
export const residents = {
  yamadaTaro: {
    name: "山田 太郎",
    address: "富山県南砺市福光1234番地",
    dateOfBirth: "1958-04-12",
    gender: "1",
  },
  takahashiMisaki: {
    name: "髙橋 美咲",
    nameAlternativeFlags: "10000",
    address: "富山県南砺市井波3110番地2",
    dateOfBirth: "1980-02-17",
    gender: "2",
  },
  ishiguroKenichi: {
    name: "石黒 健一",
    address: "富山県南砺市城端５２１番地",
    dateOfBirth: "1947-11-03",
    gender: "1",
  },
  matsumotoSakura: {
    name: "松本 さくら",
    address: "富山県南砺市福野1丁目8番15号",
    dateOfBirth: "1993-03-28",
    gender: "2",
  },
  kobayashiIchiro: {
    name: "小林 一郎",
    address: "長野県須坂市大字須坂1528番地1",
    dateOfBirth: "1965-08-30",
    gender: "1",
  },
  kitamuraShota: {
    name: "北村 翔太",
    address: "長野県須坂市臥竜3丁目1番7号",
    dateOfBirth: "1995-06-18",
    gender: "1",
  },
  maruyamaChiyo: {
    name: "丸山 千代",
    address: "長野県須坂市大字米持410番地",
    dateOfBirth: "1926-12-20",
    gender: "2",
  },
  itoKenta: {
    name: "伊藤 健太",
    address: "三重県いなべ市北勢町阿下喜2005番地",
    dateOfBirth: "1989-01-07",
    gender: "1",
  },
  satoHanako: {
    name: "佐藤 花子",
    address: "三重県いなべ市員弁町笠田新田1234番地",
    dateOfBirth: "1985-03-15",
    gender: "2",
  },
  mizutaniMakoto: {
    name: "水谷 誠",
    address: "三重県いなべ市大安町大井田2705番地",
    dateOfBirth: "1952-09-09",
    gender: "1",
  },
  hattoriAoi: {
    name: "服部 あおい",
    address: "三重県いなべ市藤原町市場123番地",
    dateOfBirth: "2001-07-31",
    gender: "2",
  },
} satisfies Record<string, FourInfo>;
