/**
 * @module Privacy scan of everything a run wrote: every SQLite database (and its WAL), every log, and every
 * HTTP exchange the recording proxies kept.
 *
 * Three rules, from the product's identifier policy (docs: README "Privacy"):
 * 1. No decoy 個人番号 anywhere outside the J-LIS simulator's own database. The simulator gives each demo
 *    resident one (the issuing authority knows it); no card image and no other system may ever hold it.
 * 2. No certificate serial number outside the PF and the J-LIS simulator (their databases, their logs, and the
 *    exchanges between them); nor in any answer the PF gives to anyone.
 * 3. No 4情報 (resident names, addresses) at a service provider: not in its database, its log, or any exchange
 *    with it.
 * 4. The hospital holds no 4情報 beyond what the patient showed: no resident's address ever (the insurer's answer
 *    carries none), and no name but those of residents whose card was put on the reception terminal's reader (the
 *    reception bridge logs each card it is given) — in its database, its log, its exchanges, and the PF's answers on
 *    the reception and institution API.
 * 5. Insurer numbers (記号・番号・枝番 of the insurers' registers) only at the insurer and in the hospital's own record:
 *    the insurers' system, the hospital's database and its staff pages, and the PF's eligibility answer on its way
 *    to the hospital. Never in the PF's database or log, the hospital's log, the reception terminal's API, or
 *    anywhere else.
 *
 * Files are scanned as raw bytes, so a value that was deleted but still sits in a free page or the WAL counts too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import type { RecordedExchange } from "../launcher/recording-proxy.ts";

export interface Finding {
  rule:
    | "my-number"
    | "certificate-serial"
    | "four-info-at-provider"
    | "four-info-at-hospital"
    | "insurer-number";
  where: string;
  /** The forbidden value, masked: a finding must not become a leak of its own. */
  value: string;
}

export interface ForbiddenValues {
  myNumbers: string[];
  serials: string[];
  namesAndAddresses: string[];
}

/** What the medical rules (4, 5) look for, read from the run's own data (`readMedicalValues`). */
export interface MedicalValues {
  /** Every J-LIS resident's name and address, with their card. */
  residents: { cardId: string; name: string; address: string }[];
  /** Cards put on the reception terminal's reader during the run. */
  cardsShownAtReception: string[];
  /** The insurers' 記号・番号・枝番 as text may carry them (screens, JSON). */
  insurerNumbers: string[];
}

const PROVIDER_SERVICES = new Set(["facility", "healthcare"]);
const SERIAL_ALLOWED_SERVICES = new Set(["pf", "jlis"]);
const HOSPITAL = "hospital";
const INSURER = "medical-insurer";
/** The reception terminal's bridge: its log says which cards were shown at the reception. */
const RECEPTION_BRIDGE = "reception-bridge";
/** The PF's routes only a medical institution calls (its reception terminals and its back office). */
const INSTITUTION_PF_ROUTES = /^\/v1\/(reception|institution)\//;
/** The PF's answer to an eligibility check: the insurers' answers, on their way to the hospital. */
const ELIGIBILITY_ANSWER_ROUTE = /^\/v1\/reception\/eligibility-checks(\/|$)/;
/** The reception terminal's API at the hospital: the terminal learns a 診察券番号, never the insurance. */
const TERMINAL_API_ROUTE = /^\/terminal\//;

const mask = (value: string) => `${value.slice(0, 2)}…${value.slice(-2)} (${value.length} chars)`;

/** Reads the forbidden values from the J-LIS simulator's database (the one place allowed to hold them). */
export function readForbiddenValues(jlisDatabasePath: string): ForbiddenValues {
  const db = new Database(jlisDatabasePath, { readonly: true, fileMustExist: true });
  try {
    const values = {
      myNumbers: new Set<string>(),
      serials: new Set<string>(),
      namesAndAddresses: new Set<string>(),
    };
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    for (const { name: table } of tables) {
      const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[];
      for (const { name: column } of columns) {
        const target = /decoy|my_?number|individual_?number/i.test(column)
          ? values.myNumbers
          : /serial/i.test(column)
            ? values.serials
            : /table|resident/i.test(table) && /^(name|full_?name|address)$/i.test(column)
              ? values.namesAndAddresses
              : undefined;
        if (!target) continue;
        const rows = db
          .prepare(`SELECT "${column}" AS v FROM "${table}" WHERE "${column}" IS NOT NULL`)
          .all() as {
          v: unknown;
        }[];
        for (const { v } of rows) if (typeof v === "string" && v.length > 0) target.add(v);
      }
    }
    return {
      myNumbers: [...values.myNumbers].filter((v) => /^[0-9]{12}$/.test(v)),
      serials: [...values.serials].filter((v) => v.replace(/[^0-9a-f]/gi, "").length >= 8),
      namesAndAddresses: [...values.namesAndAddresses].filter((v) => v.length >= 3),
    };
  } finally {
    db.close();
  }
}

/**
 * Reads what the medical rules need: the J-LIS residents with their cards, the cards the reception bridge was given
 * (its `card inserted` log lines), and every 記号・番号・枝番 of the insurers' registers in the forms text carries them —
 * `4101・19・00` (the hospital's screens), `4101 19-00` (the insurer's), and the eligibility answer's JSON field.
 */
export function readMedicalValues(dataDir: string): MedicalValues {
  const jlis = new Database(join(dataDir, "jlis.sqlite"), { readonly: true, fileMustExist: true });
  let residents: MedicalValues["residents"];
  try {
    residents = jlis
      .prepare("SELECT card_id AS cardId, name, address FROM residents")
      .all() as MedicalValues["residents"];
  } finally {
    jlis.close();
  }
  const cards = new Set<string>();
  const bridgeLog = join(dataDir, "logs", `${RECEPTION_BRIDGE}.log`);
  if (existsSync(bridgeLog)) {
    for (const line of readFileSync(bridgeLog, "utf8").split("\n")) {
      if (!line.includes('"card inserted"')) continue;
      const entry = JSON.parse(line) as { msg?: string; cardId?: string };
      if (entry.msg === "card inserted" && entry.cardId) cards.add(entry.cardId);
    }
  }
  const insurerNumbers = new Set<string>();
  const insurerDb = join(dataDir, `${INSURER}.sqlite`);
  if (existsSync(insurerDb)) {
    const db = new Database(insurerDb, { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare(
          `SELECT h.symbol AS symbol, h.number AS number, p.branch_number AS branch
             FROM insured_persons p JOIN households h ON h.id = p.household_id`,
        )
        .all() as { symbol: string | null; number: string; branch: string }[];
      for (const { symbol, number, branch } of rows) {
        for (const form of insurerNumberForms(symbol, number, branch)) insurerNumbers.add(form);
      }
    } finally {
      db.close();
    }
  }
  return { residents, cardsShownAtReception: [...cards], insurerNumbers: [...insurerNumbers] };
}

/**
 * The textual forms a 記号・番号・枝番 takes: the hospital's screens (`4101・19・00`), the insurer's (`4101 19-00`), and the
 * eligibility answer's JSON field, as JSON and as JSON inside a JSON string (a body kept in a log line). Without a
 * 記号, `19-00` alone would also be a piece of any UUID: only the forms with one are looked for.
 */
export function insurerNumberForms(symbol: string | null, number: string, branch: string): string[] {
  const field = `"insuredIdentificationNumber":"${number}"`;
  return [
    field,
    field.replaceAll('"', '\\"'),
    ...(symbol ? [`${symbol}・${number}・${branch}`, `${symbol} ${number}-${branch}`] : []),
  ];
}

/** The textual forms a serial takes in logs and JSON: hex in either case, with or without colons, and decimal. */
export function serialForms(serial: string): string[] {
  const hex = serial.replace(/[^0-9a-f]/gi, "").toLowerCase();
  const forms = new Set([
    hex,
    hex.toUpperCase(),
    hex.replace(/(..)(?!$)/g, "$1:"),
    BigInt(`0x${hex}`).toString(10),
  ]);
  return [...forms].filter((form) => form.length >= 8);
}

/** A 12-digit number as people write it: plain, or grouped 4-4-4 with spaces or hyphens. */
function myNumberForms(myNumber: string): string[] {
  const groups = myNumber.match(/.{4}/g) ?? [];
  return [myNumber, groups.join(" "), groups.join("-")];
}

function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/** Which service a file belongs to, from the launcher's naming (`<name>.sqlite`, `logs/<name>.log`). */
function serviceOf(path: string): string {
  return basename(path).replace(/\.(sqlite(-wal|-shm)?|log|jsonl)$/, "");
}

function findIn(text: string, needles: string[]): string | undefined {
  return needles.find((needle) => text.includes(needle));
}

export function scanDataDirectory(
  dataDir: string,
  forbidden: ForbiddenValues,
  medical: MedicalValues = { residents: [], cardsShownAtReception: [], insurerNumbers: [] },
): Finding[] {
  const findings: Finding[] = [];
  const myNumberNeedles = forbidden.myNumbers.flatMap(myNumberForms);
  const serialNeedles = forbidden.serials.flatMap(serialForms);
  const shown = new Set(medical.cardsShownAtReception);
  const notForTheHospital = medical.residents.flatMap((r) =>
    shown.has(r.cardId) ? [r.address] : [r.name, r.address],
  );
  const checkMedical = (
    where: string,
    text: string,
    opts: { hospital: boolean; insurerNumbersAllowed: boolean },
  ) => {
    if (opts.hospital) {
      const hit = findIn(text, notForTheHospital);
      if (hit) findings.push({ rule: "four-info-at-hospital", where, value: mask(hit) });
    }
    if (!opts.insurerNumbersAllowed) {
      const hit = findIn(text, medical.insurerNumbers);
      if (hit) findings.push({ rule: "insurer-number", where, value: mask(hit) });
    }
  };
  const check = (where: string, service: string, text: string, opts: { serialsAllowed: boolean }) => {
    if (service !== "jlis-db") {
      const hit = findIn(text, myNumberNeedles);
      if (hit) findings.push({ rule: "my-number", where, value: mask(hit) });
    }
    if (!opts.serialsAllowed) {
      const hit = findIn(text, serialNeedles);
      if (hit) findings.push({ rule: "certificate-serial", where, value: mask(hit) });
    }
    if (PROVIDER_SERVICES.has(service)) {
      const hit = findIn(text, forbidden.namesAndAddresses);
      if (hit) findings.push({ rule: "four-info-at-provider", where, value: mask(hit) });
    }
  };

  for (const path of filesBelow(dataDir)) {
    const relative = path.slice(dataDir.length + 1);
    if (relative.startsWith("http-capture/")) continue;
    const service = serviceOf(path);
    const isJlisDatabase = /^jlis\.sqlite/.test(basename(path));
    const text = readFileSync(path).toString("utf8");
    check(relative, isJlisDatabase ? "jlis-db" : service, text, {
      // The PF and J-LIS keep serials (their linkage keys); card images carry certificates, as real cards do.
      serialsAllowed: SERIAL_ALLOWED_SERVICES.has(service) || relative.startsWith("cards/"),
    });
    checkMedical(relative, text, {
      hospital: service === HOSPITAL,
      // The insurer's register, and the hospital's own record of the answers (its database, not its log).
      insurerNumbersAllowed: service === INSURER || (service === HOSPITAL && /\.sqlite/.test(relative)),
    });
  }

  for (const path of filesBelow(join(dataDir, "http-capture"))) {
    const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
    for (const [index, line] of lines.entries()) {
      const exchange = JSON.parse(line) as RecordedExchange;
      const where = `HTTP ${exchange.method} ${exchange.service}${exchange.path.split("?")[0]} (${basename(path)}:${index + 1})`;
      // Requests to the PF carry card certificates (that is how a card proves itself) and J-LIS answers
      // about serials to the PF only; every other request or answer must be free of serials.
      check(`${where} request`, exchange.service, exchange.requestBody, {
        serialsAllowed: SERIAL_ALLOWED_SERVICES.has(exchange.service),
      });
      check(`${where} response`, exchange.service, exchange.responseBody, {
        serialsAllowed: exchange.service === "jlis",
      });
      const route = exchange.path.split("?")[0] ?? "";
      const hospitalTraffic =
        exchange.service === HOSPITAL || (exchange.service === "pf" && INSTITUTION_PF_ROUTES.test(route));
      checkMedical(`${where} request`, exchange.requestBody, {
        hospital: hospitalTraffic,
        insurerNumbersAllowed: exchange.service === INSURER,
      });
      checkMedical(`${where} response`, exchange.responseBody, {
        hospital: hospitalTraffic,
        insurerNumbersAllowed:
          exchange.service === INSURER ||
          (exchange.service === "pf" && ELIGIBILITY_ANSWER_ROUTE.test(route)) ||
          (exchange.service === HOSPITAL && !TERMINAL_API_ROUTE.test(route)),
      });
    }
  }
  return findings;
}
