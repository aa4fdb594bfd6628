import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkEnv } from "@catv/service-kit/env-config";
import { describe, expect, it } from "vitest";
import { hospitalEnvSchema, readInstitutionCredentials } from "./config.ts";

const file = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), "hospital-config-")), "demo-credentials.json");
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};

const institution = {
  id: "med-minato",
  name: "日本海みなと病院（デモ）",
  medicalInstitutionCode: "0610499996",
  apiKey: "0123456789abcdef0123",
  staff: [{ loginId: "minato-staff", password: "p", role: "staff", displayName: "担当" }],
  sites: [
    {
      siteId: "med-minato-reception",
      name: "外来受付",
      insurerIds: ["ins-sakata-kokuho"],
      terminals: [{ terminalId: "rcp-minato-0001", publicJwk: { kty: "EC", crv: "P-256", x: "x", y: "y" } }],
    },
  ],
};

describe("the hospital's configuration", () => {
  it("reads its institution, its terminals' public keys and its staff from the demo credentials", () => {
    const read = readInstitutionCredentials(file({ medical: { institutions: [institution] } }), "med-minato");
    expect(read.sites[0]?.terminals[0]?.terminalId).toBe("rcp-minato-0001");
  });

  it("names a credentials file without this institution in one line", () => {
    const path = file({ medical: { institutions: [institution] } });
    expect(() => readInstitutionCredentials(path, "med-other")).toThrow(
      `${path} has no medical institution med-other`,
    );
  });

  it("names a file that is not JSON in one line", () => {
    expect(() => readInstitutionCredentials(file("{"), "med-minato")).toThrow(
      /is not a readable demo credentials file/,
    );
  });

  it("refuses a reception method it does not know", () => {
    expect(checkEnv(hospitalEnvSchema, { HOSPITAL_RECEPTION_METHOD: "face" }).problems).toEqual([
      'HOSPITAL_RECEPTION_METHOD: must be one of pinless, pin, got "face"',
    ]);
  });
});
