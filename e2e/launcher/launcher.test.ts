import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureDemoCredentials } from "./demo-credentials.ts";
import { discoverServices, urlEnvName } from "./services.ts";
import { startupAllowanceSeconds } from "./system.ts";

describe("service discovery", () => {
  it("finds every workspace and the services each one declares", () => {
    const packages = discoverServices();
    const names = packages.flatMap((p) => p.services.map((s) => s.name));
    expect(packages.map((p) => p.packageName)).toContain("@catv/pf-server");
    expect(names).toContain("pf");
    expect(names).toContain("tv");
    expect(new Set(names).size).toBe(names.length);
    const ports = packages.flatMap((p) => p.services.map((s) => s.defaultPort));
    expect(new Set(ports).size).toBe(ports.length);
  });

  it("names each service's URL variable after the service", () => {
    expect(urlEnvName("facility-booking")).toBe("FACILITY_BOOKING_URL");
    expect(urlEnvName("pf")).toBe("PF_URL");
  });
});

describe("demo credentials", () => {
  it("are created on the first run only, readable by the owner alone, and reused afterwards", () => {
    const path = join(mkdtempSync(join(tmpdir(), "catv-cred-")), "demo-credentials.json");
    const first = ensureDemoCredentials(path);
    const second = ensureDemoCredentials(path);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.credentials).toEqual(first.credentials);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it("give every operator staff logins and terminal key pairs, and every installation fresh secrets", () => {
    const dir = mkdtempSync(join(tmpdir(), "catv-cred-"));
    const a = ensureDemoCredentials(join(dir, "a.json")).credentials;
    const b = ensureDemoCredentials(join(dir, "b.json")).credentials;
    expect(a.operators.map((o) => o.town)).toEqual(["南砺市", "須坂市", "いなべ市"]);
    for (const operator of a.operators) {
      expect(operator.staff.map((s) => s.role).sort()).toEqual(["admin", "staff"]);
      expect(operator.terminals[0]?.publicJwk).toMatchObject({ kty: "EC", crv: "P-256" });
      expect(operator.terminals[0]?.publicJwk).not.toHaveProperty("d");
      expect(operator.webhookSecret).toMatch(/^whsec_/);
    }
    for (const provider of a.providers) {
      expect(provider.staff.loginId).toBe("staff");
      expect(provider.staff.password.length).toBeGreaterThanOrEqual(12);
    }
    expect(a.providers[0]?.staff.password).not.toBe(b.providers[0]?.staff.password);
    expect(a.pfAdminToken).not.toBe(b.pfAdminToken);
    expect(a.operators[0]?.apiKey).not.toBe(b.operators[0]?.apiKey);
  });

  it("give the providers' staff logins to a data directory created before they existed, once", () => {
    const path = join(mkdtempSync(join(tmpdir(), "catv-cred-")), "demo-credentials.json");
    const { credentials } = ensureDemoCredentials(path);
    for (const provider of credentials.providers) delete (provider as { staff?: unknown }).staff;
    writeFileSync(path, JSON.stringify(credentials));
    const upgraded = ensureDemoCredentials(path).credentials;
    expect(upgraded.providers.every((p) => p.staff.password.length >= 12)).toBe(true);
    expect(upgraded.pfAdminToken).toBe(credentials.pfAdminToken);
    expect(ensureDemoCredentials(path).credentials).toEqual(upgraded);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it("give the medical field two insurers and a hospital whose reception terminals have key pairs", () => {
    const { medical } = ensureDemoCredentials(
      join(mkdtempSync(join(tmpdir(), "catv-cred-")), "demo-credentials.json"),
    ).credentials;
    expect(medical.insurers.map((i) => i.insurerNumber.length).sort()).toEqual([6, 8]);
    const [hospital] = medical.institutions;
    expect(hospital?.medicalInstitutionCode).toMatch(/^[0-9]{10}$/);
    expect(hospital?.sites[0]?.insurerIds).toEqual(medical.insurers.map((i) => i.id));
    expect(hospital?.sites[0]?.terminals[0]?.publicJwk).not.toHaveProperty("d");
    for (const insurer of medical.insurers) expect(insurer.webhookSecret).toMatch(/^whsec_/);
  });

  it("add the medical tenants to a file made before them and keep everything already in it", () => {
    const path = join(mkdtempSync(join(tmpdir(), "catv-cred-")), "demo-credentials.json");
    const { medical: _dropped, ...older } = ensureDemoCredentials(path).credentials;
    writeFileSync(path, JSON.stringify(older), { mode: 0o600 });
    const upgraded = ensureDemoCredentials(path);
    expect(upgraded.created).toBe(false);
    expect(upgraded.credentials).toMatchObject(older);
    expect(upgraded.credentials.medical.institutions).toHaveLength(1);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(upgraded.credentials);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it("give the PF administrators' logins and a metrics token to a data directory created before them, once", () => {
    const path = join(mkdtempSync(join(tmpdir(), "catv-cred-")), "demo-credentials.json");
    const { credentials } = ensureDemoCredentials(path);
    expect(credentials.pfAdminStaff.map((s) => s.role).sort()).toEqual(["admin", "staff"]);
    expect(credentials.metricsToken.length).toBeGreaterThanOrEqual(16);
    const older = { ...credentials } as Partial<typeof credentials>;
    delete older.pfAdminStaff;
    delete older.metricsToken;
    writeFileSync(path, JSON.stringify(older));
    const upgraded = ensureDemoCredentials(path).credentials;
    expect(upgraded.pfAdminStaff.every((s) => s.password.length >= 12)).toBe(true);
    expect(upgraded.metricsToken).not.toBe(credentials.metricsToken);
    expect(upgraded.pfAdminToken).toBe(credentials.pfAdminToken);
    expect(ensureDemoCredentials(path).credentials).toEqual(upgraded);
  });
});

describe("start-up allowance", () => {
  it("waits as long as a service declares, or longer when the caller asks for a minimum", () => {
    expect(startupAllowanceSeconds(90)).toBe(90);
    expect(startupAllowanceSeconds(60, 240)).toBe(240);
    expect(startupAllowanceSeconds(300, 240)).toBe(300);
  });
});
