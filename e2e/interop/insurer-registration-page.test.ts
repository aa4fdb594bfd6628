/**
 * The registration page of an insurer's site, in Chromium, reading a card through the real firmware bridge: the
 * insurers' system and the bridge run as their own processes, the page's script talks to the bridge over its
 * WebSocket (as the TV app does) and the card answers the PF's challenge with its signature key; a PF double of the
 * verifier API checks the signature over the challenge it issued. The bridge accepts the page's origin because it
 * is started with that origin as its `TV_URL`: in `npm start` the bridge serves the TV app's origin only, so a
 * person's PC needs reader software that accepts the insurer's origin (see the insurer's README).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumLaunchOptions } from "@catv/browser-testing/chromium";
import { issueCard } from "@catv/pf-server/jlis/issue-card";
import { SAMPLE_RESIDENT, startTestService } from "@catv/pf-server/jlis/testing";
import { startVerifierPfDouble, type VerifierPfDouble } from "@catv/provider-kit/testing";
import { type Browser, chromium } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../launcher/services.ts";

const INSURER = "ins-sakata-kokuho";
const dataDir = mkdtempSync(join(tmpdir(), "insurer-page-"));
const children: ChildProcess[] = [];
let pf: VerifierPfDouble;
let browser: Browser;
let insurerUrl: string;
let bridgeUrl: string;
let cardId: string;

/** Starts a service's entry with `env`; resolves with the port of its `listening`/`bridge started` log line. */
function startService(entry: string, cwd: string, env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, [entry], {
    cwd,
    env: {
      ...process.env,
      CATV_DATA_DIR: dataDir,
      CATV_DEMO_CREDENTIALS: join(dataDir, "demo-credentials.json"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split("\n")) {
        const port = /"msg":"(?:listening|bridge started)".*?"port":(\d+)/.exec(line)?.[1];
        if (port) resolve(Number(port));
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("exit", (code) => reject(new Error(`${entry} exited ${code}: ${output.slice(-500)}`)));
  });
}

beforeAll(async () => {
  // What the two processes read of the demo credentials (docs/demo-credentials.md): the bridge its terminal key,
  // the insurers' system its insurer.
  const insurer = {
    id: INSURER,
    name: "酒田市国民健康保険（テスト）",
    kind: "national-health-insurance",
    insurerNumber: "069997",
    town: "酒田市",
    prefecture: "山形県",
    apiKey: randomBytes(24).toString("base64url"),
    webhookSecret: `whsec_${randomBytes(32).toString("base64")}`,
    staff: [
      {
        loginId: "kokuho-staff",
        password: randomBytes(9).toString("base64url"),
        role: "staff",
        displayName: "担当",
      },
    ],
  };
  const terminalKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });
  const credentials = {
    operators: [{ id: "op-nanto", terminals: [{ terminalId: "stb-nanto-0001", privateJwk: terminalKey }] }],
    medical: { insurers: [insurer] },
  };
  writeFileSync(join(dataDir, "demo-credentials.json"), JSON.stringify(credentials), { mode: 0o600 });
  // A card issued by the J-LIS simulator, put where the bridge's card library finds it.
  const jlis = await startTestService();
  const issued = await issueCard(jlis.ctx, SAMPLE_RESIDENT);
  cardId = issued.cardId;
  mkdirSync(join(dataDir, "cards"), { recursive: true });
  copyFileSync(issued.cardImagePath, join(dataDir, "cards", `${cardId}.json`));
  jlis.dispose();
  pf = await startVerifierPfDouble({ verifiers: [{ id: insurer.id, apiKey: insurer.apiKey }] });
  const insurerDir = join(repoRoot, "pf-server/fields/medical/insurer");
  const insurerPort = await startService(join(insurerDir, "bin/insurer.mjs"), insurerDir, {
    INSURER_PORT: "0",
    PF_URL: pf.url,
  });
  insurerUrl = `http://127.0.0.1:${insurerPort}`;
  const bridgeDir = join(repoRoot, "firmware-shims");
  const bridgePort = await startService(join(bridgeDir, "bin/bridge.mjs"), bridgeDir, {
    BRIDGE_PORT: "0",
    BRIDGE_CARD_TIMING: "off",
    // The one origin the bridge lets open its WebSocket besides its own: here the insurer's page.
    TV_URL: insurerUrl,
  });
  bridgeUrl = `http://127.0.0.1:${bridgePort}`;
  const insert = await fetch(`${bridgeUrl}/demo/cards/insert`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ cardId }),
  });
  expect(insert.ok).toBe(true);
  browser = await chromium.launch(chromiumLaunchOptions());
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const child of children) child.kill("SIGTERM");
  await pf?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openRegistrationPage() {
  const page = await browser.newPage({ locale: "ja-JP" });
  await page.goto(`${insurerUrl}/insurers/${INSURER}/registration`);
  await page.waitForSelector("#reader-status[data-state=ready]", { timeout: 60_000 });
  return page;
}

describe("registering on the insurer's site with the person's own reader", () => {
  it("finds the card on the reader through the reader firmware's browser API", async () => {
    const page = await openRegistrationPage();
    expect(await page.textContent("#reader-status")).toContain("マイナンバーカードを読み取れます");
    expect(await page.isDisabled("#register")).toBe(true);
    await page.close();
  }, 120_000);

  it("tells the person how many tries are left after a wrong 署名用パスワード, and registers nothing", async () => {
    const page = await openRegistrationPage();
    await page.check("#consent");
    await page.fill("#sign-password", "WRONG123");
    await page.click("#register");
    await page.waitForSelector("#result[data-state=error]", { timeout: 60_000 });
    expect(await page.textContent("#result")).toMatch(/パスワードが違います（あと\d回/);
    expect(pf.registrations).toEqual([]);
    await page.close();
  }, 120_000);

  it("registers: the card signs the PF's challenge, the PF accepts it, the page says what happens next", async () => {
    const page = await openRegistrationPage();
    await page.check("#consent");
    await page.fill("#sign-password", SAMPLE_RESIDENT.signPassword);
    await page.click("#register");
    await page.waitForSelector("#result[data-state=ready]", { timeout: 60_000 });
    expect(await page.textContent("#result")).toContain("登録しました");
    expect(pf.registrations).toEqual([expect.objectContaining({ verifierId: INSURER, answered: 200 })]);
    await page.close();
  }, 120_000);
});
