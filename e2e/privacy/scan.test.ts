import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { readForbiddenValues, scanDataDirectory, serialForms } from "./scan.ts";

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
});
