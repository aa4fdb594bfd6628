/**
 * @module The whole reception, for browser tests and the screenshot run: the hospital's server (in this process,
 * on 127.0.0.1:0, over an in-memory database), the reception terminal's firmware bridge as its own process — the
 * real `reception-bridge` service of firmware-shims, holding the terminal's key and a virtual reader with emulated
 * My Number cards — the reception PF double as the PF, and Debian's Chromium showing the reception page at the
 * terminal's size and the desk screen. Cards go on and off the reader through the bridge's demo API, as a hand
 * would put them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumLaunchOptions } from "@catv/browser-testing/chromium";
import { makeTestCard, type TestCard } from "@catv/firmware-shims/card-testing";
import { createReceptionPfClient } from "@catv/reception-kit";
import {
  type DoublePerson,
  type DoublePersonOptions,
  type ReceptionPfDouble,
  startReceptionPfDouble,
} from "@catv/reception-kit/testing";
import { createMemoryLogger } from "@catv/service-kit";
import { type ServerType, serve } from "@hono/node-server";
import type { JWK } from "jose";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright";
import { RECEPTION_BRIDGE_BOOT_FILE } from "../config.ts";
import { openHospitalDb } from "../db/open-hospital-db.ts";
import { sqliteHospitalStore } from "../db/sqlite-store.ts";
import type { HospitalDeps } from "../domain/deps.ts";
import { TerminalRegistry } from "../domain/verify-terminal-assertion.ts";
import { createHospitalApp } from "../http/app.ts";
import { DeskEvents } from "../http/desk-events.ts";
import { seedStaff } from "../seed/seed-staff.ts";
import { KENPO, KOKUHO, STAFF } from "./harness.ts";

export const TERMINAL_VIEWPORT = { width: 1280, height: 800 };
export const DESK_VIEWPORT = { width: 1440, height: 900 };
const TERMINAL_ID = "rcp-minato-0001";

export interface StageCard {
  image: TestCard["image"];
  person: DoublePerson | undefined;
}

export interface ReceptionStage {
  pf: ReceptionPfDouble;
  deps: HospitalDeps;
  hospitalUrl: string;
  bridgeUrl: string;
  browser: Browser;
  terminal: Page;
  desk: Page;
  /** A card issued with its own (trusted) 券面 CA; `person` registers it at the PF double (omit: a card never registered). */
  issueCard(
    label: string,
    person?: Omit<DoublePersonOptions, "card">,
    options?: { birthDate?: string; certificatesValidUntil?: Date; forged?: boolean },
  ): Promise<StageCard>;
  insertCard(card: StageCard): Promise<void>;
  removeCard(): Promise<void>;
  /** Pulls the card on the reader's next command (mid-operation). */
  pullCardDuringNextCommand(): Promise<void>;
  unplugReader(): Promise<void>;
  replugReader(): Promise<void>;
  /** Waits until the terminal shows `screen` (and, optionally, the code). */
  waitForScreen(screen: string, code?: string): Promise<void>;
  /** Opens the desk screen logged in as staff. */
  openDesk(): Promise<void>;
  /** Stops the PF double answering (PF down): calls to it fail as to a stopped service. */
  setPfDown(down: boolean): void;
  /** Whether the hospital counts the bridge's terminal as its own (false: as if another hospital's terminal). */
  setTerminalKnown(known: boolean): void;
  close(): Promise<void>;
}

const firmwareShimsDir = dirname(fileURLToPath(import.meta.resolve("@catv/firmware-shims/package.json")));

export async function startReceptionStage(
  options: { retry?: { initialMs: number; maxMs: number } } = {},
): Promise<ReceptionStage> {
  const dataDir = mkdtempSync(join(tmpdir(), "hospital-stage-"));
  mkdirSync(join(dataDir, "cards"));
  const keys = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const privateJwk = keys.privateKey.export({ format: "jwk" });
  const publicJwk = keys.publicKey.export({ format: "jwk" }) as JWK;
  writeFileSync(
    join(dataDir, "demo-credentials.json"),
    JSON.stringify({
      operators: [],
      medical: {
        institutions: [
          {
            id: "med-minato",
            sites: [
              {
                siteId: "med-minato-reception",
                terminals: [{ terminalId: TERMINAL_ID, privateJwk, publicJwk }],
              },
            ],
          },
        ],
      },
    }),
  );

  const trusted: TestCard["kenkakuCaPublicKey"][] = [];
  const pf = await startReceptionPfDouble({
    verifiers: [
      { verifierId: KOKUHO, name: "酒田市国民健康保険（デモ）" },
      { verifierId: KENPO, name: "庄内ものづくり健康保険組合（デモ）" },
    ],
    institutions: [
      {
        id: "med-minato",
        name: "日本海みなと病院（デモ）",
        medicalInstitutionCode: "0610499996",
        apiKey: "minato-institution-api-key",
        sites: [
          {
            siteId: "med-minato-reception",
            name: "外来受付",
            verifierIds: [KOKUHO, KENPO],
            terminals: [{ terminalId: TERMINAL_ID, publicJwk }],
          },
        ],
      },
    ],
    trustedKenkakuCaKeys: trusted,
  });

  const ownTerminals = new TerminalRegistry([
    { terminalId: TERMINAL_ID, siteId: "med-minato-reception", publicJwk },
  ]);
  const { sqlite, db } = openHospitalDb(":memory:");
  const store = sqliteHospitalStore(sqlite, db);
  const events = new DeskEvents();
  const logger = createMemoryLogger("hospital");
  const livePf = createReceptionPfClient({ pfUrl: pf.url, timeoutMs: 10_000 });
  const deadPf = createReceptionPfClient({ pfUrl: "http://127.0.0.1:9", timeoutMs: 2_000 });
  const deps: HospitalDeps = {
    store,
    pf: livePf,
    now: () => new Date(),
    newId: randomUUID,
    logger,
    institution: { id: "med-minato", name: "日本海みなと病院（デモ）", apiKey: "minato-institution-api-key" },
    terminals: ownTerminals,
    retry: options.retry ?? { initialMs: 1_000, maxMs: 2_000 },
    changed: () => events.emit(),
  };
  await seedStaff(store, [STAFF], { logN: 10 });
  const app = createHospitalApp({
    deps,
    logger,
    events,
    bridgeBootFile: join(dataDir, RECEPTION_BRIDGE_BOOT_FILE),
    receptionMethod: "pinless",
    retryPollMs: 500,
  });
  let server: ServerType | undefined;
  const hospitalPort = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info: AddressInfo) =>
      resolve(info.port),
    );
  });
  const hospitalUrl = `http://127.0.0.1:${hospitalPort}`;

  const bridgeProcess: ChildProcess = spawn(
    process.execPath,
    [join(firmwareShimsDir, "bin", "reception-bridge.mjs")],
    {
      cwd: firmwareShimsDir,
      env: {
        ...process.env,
        CATV_DATA_DIR: dataDir,
        CATV_DEMO_CREDENTIALS: join(dataDir, "demo-credentials.json"),
        RECEPTION_BRIDGE_PORT: "0",
        HOSPITAL_URL: hospitalUrl,
        BRIDGE_CARD_TIMING: "off",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let bridgeOutput = "";
  bridgeProcess.stdout?.on("data", (chunk: Buffer) => (bridgeOutput += chunk.toString()));
  bridgeProcess.stderr?.on("data", (chunk: Buffer) => (bridgeOutput += chunk.toString()));
  const bootFile = join(dataDir, RECEPTION_BRIDGE_BOOT_FILE);
  const deadline = Date.now() + 60_000;
  while (!existsSync(bootFile)) {
    if (Date.now() > deadline || bridgeProcess.exitCode !== null) {
      throw new Error(`the reception bridge did not start:\n${bridgeOutput}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const { wsUrl } = JSON.parse(readFileSync(bootFile, "utf8")) as { wsUrl: string };
  const bridgeUrl = new URL(wsUrl.replace(/^ws/, "http")).origin;

  const browser = await chromium.launch(chromiumLaunchOptions());
  const terminalContext: BrowserContext = await browser.newContext({
    viewport: TERMINAL_VIEWPORT,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
  });
  const deskContext = await browser.newContext({
    viewport: DESK_VIEWPORT,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
  });
  const terminal = await terminalContext.newPage();
  const desk = await deskContext.newPage();

  const demo = async (path: string, body: unknown = {}) => {
    const response = await fetch(`${bridgeUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };

  return {
    pf,
    deps,
    hospitalUrl,
    bridgeUrl,
    browser,
    terminal,
    desk,
    async issueCard(label, person, cardOptions = {}) {
      const card = await makeTestCard({
        displayLabel: label,
        ...(cardOptions.birthDate ? { birthDate: cardOptions.birthDate } : {}),
        ...(cardOptions.certificatesValidUntil
          ? { certificatesValidUntil: cardOptions.certificatesValidUntil }
          : {}),
      });
      if (!cardOptions.forged) trusted.push(card.kenkakuCaPublicKey);
      writeFileSync(join(dataDir, "cards", `${card.image.cardId}.json`), JSON.stringify(card.image));
      const registered = person
        ? pf.addPerson({
            card: {
              authenticationCertificate: card.image.jpki.authCertificate,
              cardVerifiableCertificate: card.image.kenkaku.cardVerifiableCertificate,
              birthDate: cardOptions.birthDate ?? "1980-02-17",
            },
            ...person,
          })
        : undefined;
      return { image: card.image, person: registered };
    },
    insertCard: (card) => demo("/demo/cards/insert", { cardId: card.image.cardId }),
    removeCard: () => demo("/demo/cards/remove"),
    pullCardDuringNextCommand: () => demo("/demo/reader/faults", { pullCardOnNextCommand: true }),
    unplugReader: () => demo("/demo/reader/unplug"),
    replugReader: () => demo("/demo/reader/replug"),
    async waitForScreen(screen, code) {
      const selector = code ? `[data-screen="${screen}"][data-code="${code}"]` : `[data-screen="${screen}"]`;
      await terminal.waitForSelector(selector, { timeout: 30_000 });
    },
    async openDesk() {
      await desk.goto(`${hospitalUrl}/login?next=/desk`);
      await desk.fill('input[name="loginId"]', STAFF.loginId);
      await desk.fill('input[name="password"]', STAFF.password);
      await desk.click('button[type="submit"]');
      await desk.waitForSelector("#desk-live");
    },
    setPfDown(down) {
      deps.pf = down ? deadPf : livePf;
    },
    setTerminalKnown(known) {
      deps.terminals = known ? ownTerminals : new TerminalRegistry([]);
    },
    async close() {
      await browser.close();
      bridgeProcess.kill("SIGTERM");
      await new Promise((resolve) =>
        bridgeProcess.exitCode !== null ? resolve(undefined) : bridgeProcess.once("exit", resolve),
      );
      await new Promise((resolve) => server?.close(resolve));
      await pf.close();
      sqlite.close();
    },
  };
}
