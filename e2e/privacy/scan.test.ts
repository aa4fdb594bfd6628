import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  insurerNumberForms,
  type MedicalValues,
  readForbiddenValues,
  readMedicalValues,
  scanDataDirectory,
  serialForms,
} from "./scan.ts";

const DECOY = "123456789018";
const SERIAL = "0a1b2c3d4e5f6071";
const NAME = "南砺 太郎";

function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "catv-scan-"));
  mkdirSync(join(dir, "logs"));
  mkdirSync(join(dir, "http-capture"));
  const jlis = new Database(join(dir, "jlis.sqlite"));
  jlis.exec(`CREATE TABLE residents (id TEXT, name TEXT, address TEXT, decoy_my_number TEXT);
             CREATE TABLE certificates (serial_number TEXT, resident_id TEXT);`);
  jlis.prepare("INSERT INTO residents VALUES ('r1', ?, '富山県南砺市福野1番地', ?)").run(NAME, DECOY);
  jlis.prepare("INSERT INTO certificates VALUES (?, 'r1')").run(SERIAL);
  jlis.close();
  return dir;
}

const exchange = (service: string, requestBody: string, responseBody: string) =>
  `${JSON.stringify({ at: "", service, method: "POST", path: "/x", status: 200, requestBody, responseBody })}\n`;

describe("privacy scan", () => {
  it("reads the forbidden values from the J-LIS database", () => {
    const forbidden = readForbiddenValues(join(makeDataDir(), "jlis.sqlite"));
    expect(forbidden.myNumbers).toEqual([DECOY]);
    expect(forbidden.serials).toEqual([SERIAL]);
    expect(forbidden.namesAndAddresses).toContain(NAME);
  });

  it("finds nothing where every system kept to its own data", () => {
    const dir = makeDataDir();
    writeFileSync(join(dir, "logs", "pf.log"), `{"msg":"linked","serial":"${SERIAL}"}\n`);
    writeFileSync(join(dir, "logs", "console.log"), `{"msg":"household linked","name":"${NAME}"}\n`);
    writeFileSync(
      join(dir, "http-capture", "pf.jsonl"),
      exchange("pf", `{"certificateSerial":"${SERIAL}"}`, "{}"),
    );
    const findings = scanDataDirectory(dir, readForbiddenValues(join(dir, "jlis.sqlite")));
    expect(findings).toEqual([]);
  });

  it("flags a decoy 個人番号 written anywhere but J-LIS's database, in any grouping", () => {
    const dir = makeDataDir();
    writeFileSync(join(dir, "logs", "bridge.log"), "card said 1234-5678-9018\n");
    const findings = scanDataDirectory(dir, readForbiddenValues(join(dir, "jlis.sqlite")));
    expect(findings).toMatchObject([{ rule: "my-number", where: "logs/bridge.log" }]);
    expect(findings[0]?.value).not.toContain(DECOY);
  });

  it("flags a certificate serial at the operator, and in any answer the PF gives", () => {
    const dir = makeDataDir();
    new Database(join(dir, "console.sqlite")).exec(
      `CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('${SERIAL.toUpperCase()}')`,
    );
    writeFileSync(join(dir, "http-capture", "pf.jsonl"), exchange("pf", "{}", `{"serial":"${SERIAL}"}`));
    const findings = scanDataDirectory(dir, readForbiddenValues(join(dir, "jlis.sqlite")));
    expect(findings.map((f) => f.rule)).toEqual(["certificate-serial", "certificate-serial"]);
    expect(findings.map((f) => f.where)).toEqual(["console.sqlite", expect.stringContaining("pf/x")]);
  });

  it("flags a resident's name reaching a service provider", () => {
    const dir = makeDataDir();
    writeFileSync(
      join(dir, "http-capture", "facility.jsonl"),
      exchange("facility", `{"who":"${NAME}"}`, "{}"),
    );
    const findings = scanDataDirectory(dir, readForbiddenValues(join(dir, "jlis.sqlite")));
    expect(findings).toMatchObject([{ rule: "four-info-at-provider" }]);
  });

  it("recognises a serial in hex of either case, with colons, and in decimal", () => {
    expect(serialForms("0A1B2C3D4E5F6071")).toEqual(
      expect.arrayContaining([
        "0a1b2c3d4e5f6071",
        "0A1B2C3D4E5F6071",
        "0a:1b:2c:3d:4e:5f:60:71",
        "728224406569967729",
      ]),
    );
  });

  describe("the medical field", () => {
    const SHOWN = { cardId: "card-shown", name: "港 花子", address: "三重県いなべ市員弁町1番地" };
    const medical: MedicalValues = {
      residents: [{ cardId: "card-r1", name: NAME, address: "富山県南砺市福野1番地" }, SHOWN],
      cardsShownAtReception: [SHOWN.cardId],
      insurerNumbers: insurerNumberForms("4101", "19", "00"),
    };
    const answer =
      '{"insuredCardSymbol":"4101","insuredIdentificationNumber":"19","insuredBranchNumber":"00"}';

    it("reads the residents' cards, the cards shown at the reception and the insurers' numbers", () => {
      const dir = makeDataDir();
      const jlis = new Database(join(dir, "jlis.sqlite"));
      jlis.exec("ALTER TABLE residents ADD COLUMN card_id TEXT; UPDATE residents SET card_id = 'card-r1'");
      jlis.close();
      writeFileSync(
        join(dir, "logs", "reception-bridge.log"),
        `${JSON.stringify({ msg: "card inserted", cardId: "card-r1" })}\n${JSON.stringify({ msg: "card removed", cardId: "card-r1" })}\n`,
      );
      const insurer = new Database(join(dir, "medical-insurer.sqlite"));
      insurer.exec(`CREATE TABLE households (id TEXT, symbol TEXT, number TEXT);
                    CREATE TABLE insured_persons (household_id TEXT, branch_number TEXT);
                    INSERT INTO households VALUES ('h1', '酒田', '210623'), ('h2', NULL, '7');
                    INSERT INTO insured_persons VALUES ('h1', '01'), ('h2', '00');`);
      insurer.close();
      const read = readMedicalValues(dir);
      expect(read.residents).toEqual([{ cardId: "card-r1", name: NAME, address: "富山県南砺市福野1番地" }]);
      expect(read.cardsShownAtReception).toEqual(["card-r1"]);
      expect(read.insurerNumbers).toEqual(
        expect.arrayContaining([
          '"insuredIdentificationNumber":"210623"',
          "酒田・210623・01",
          "酒田 210623-01",
          '"insuredIdentificationNumber":"7"',
        ]),
      );
      expect(read.insurerNumbers).not.toContain("7-00");
      expect(insurerNumberForms("4101", "19", "00")).toEqual([
        '"insuredIdentificationNumber":"19"',
        '\\"insuredIdentificationNumber\\":\\"19\\"',
        "4101・19・00",
        "4101 19-00",
      ]);
    });

    it("lets the hospital hold the name of a patient who showed the card, and its record the insurer's answer", () => {
      const dir = makeDataDir();
      new Database(join(dir, "hospital.sqlite")).exec(
        `CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('${SHOWN.name}'), ('${answer}')`,
      );
      writeFileSync(
        join(dir, "http-capture", "pf.jsonl"),
        exchange("pf", "{}", answer).replace('"/x"', '"/v1/reception/eligibility-checks"'),
      );
      writeFileSync(
        join(dir, "http-capture", "medical-insurer.jsonl"),
        exchange("medical-insurer", "{}", answer),
      );
      const findings = scanDataDirectory(dir, readForbiddenValues(join(dir, "jlis.sqlite")), medical);
      expect(findings).toEqual([]);
    });

    it("flags at the hospital the name of a resident who never showed the card there, and any address", () => {
      const dir = makeDataDir();
      new Database(join(dir, "hospital.sqlite")).exec(
        `CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('${NAME}')`,
      );
      writeFileSync(
        join(dir, "http-capture", "pf.jsonl"),
        exchange("pf", "{}", `{"address":"${SHOWN.address}"}`).replace(
          '"/x"',
          '"/v1/reception/recognitions"',
        ),
      );
      const findings = scanDataDirectory(dir, readForbiddenValues(join(dir, "jlis.sqlite")), medical);
      expect(findings.map((f) => [f.rule, f.where])).toEqual([
        ["four-info-at-hospital", "hospital.sqlite"],
        ["four-info-at-hospital", expect.stringContaining("pf/v1/reception/recognitions")],
      ]);
    });

    it("flags an insurer number in the PF's log, the hospital's log and the reception terminal's API", () => {
      const dir = makeDataDir();
      writeFileSync(join(dir, "logs", "pf.log"), `{"msg":"answer","body":${JSON.stringify(answer)}}\n`);
      writeFileSync(join(dir, "logs", "hospital.log"), '{"msg":"checked","number":"4101・19・00"}\n');
      writeFileSync(
        join(dir, "http-capture", "hospital.jsonl"),
        exchange("hospital", "{}", answer).replace('"/x"', '"/terminal/api/eligibility-checks"'),
      );
      const findings = scanDataDirectory(dir, readForbiddenValues(join(dir, "jlis.sqlite")), medical);
      expect(findings.map((f) => f.rule)).toEqual(["insurer-number", "insurer-number", "insurer-number"]);
      expect(findings.map((f) => f.where)).toEqual([
        "logs/hospital.log",
        "logs/pf.log",
        expect.stringContaining("hospital/terminal/api/eligibility-checks"),
      ]);
    });
  });
});
