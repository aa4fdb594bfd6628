import { describe, expect, it } from "vitest";
import { createApp } from "../http/app.ts";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { ADMIN_TOKEN, errorCode, loginWithPin } from "../testing/pf-harness.ts";

const h = harnessForFile();

/** The value of one series, 0 when it does not exist yet. */
async function value(name: string, labels: Record<string, string>): Promise<number> {
  const text = await h.ctx.metrics.service.registry.getSingleMetricAsString(name);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return 0;
}

describe("PF metrics", () => {
  it("counts a new registration by kind and outcome", async () => {
    const before = await value("pf_registrations_total", { kind: "new", outcome: "success" });
    await registeredCard(h);
    expect(await value("pf_registrations_total", { kind: "new", outcome: "success" })).toBe(before + 1);
  });

  it("counts a PIN login, and the revocation check it made by certificate kind and policy", async () => {
    const { card } = await registeredCard(h);
    const logins = await value("pf_logins_total", { kind: "pin", outcome: "success" });
    // Terminal A1's operator checks by OCSP.
    const checks = await value("pf_jpki_revocation_checks_total", {
      kind: "auth",
      policy: "ocsp",
      outcome: "good",
    });
    expect((await loginWithPin(h, h.terminals.a1, card)).status).toBe(200);
    expect(await value("pf_logins_total", { kind: "pin", outcome: "success" })).toBe(logins + 1);
    expect(
      await value("pf_jpki_revocation_checks_total", { kind: "auth", policy: "ocsp", outcome: "good" }),
    ).toBe(checks + 1);
  });

  it("counts a refused login under its error code", async () => {
    const { card } = await h.issue();
    const res = await loginWithPin(h, h.terminals.a1, card);
    const code = await errorCode(res);
    const before = await value("pf_logins_total", { kind: "pin", outcome: code });
    await loginWithPin(h, h.terminals.a1, card);
    expect(await value("pf_logins_total", { kind: "pin", outcome: code })).toBe(before + 1);
    expect(await value("pf_audit_events_total", { event: "login.pin", outcome: "failure", code })).toBe(
      before + 1,
    );
  });

  it("counts an OCSP answer reused from the cache as a hit", async () => {
    const { card } = await registeredCard(h);
    await loginWithPin(h, h.terminals.a1, card);
    const hits = await value("pf_ocsp_cache_lookups_total", { result: "hit" });
    await loginWithPin(h, h.terminals.a1, card);
    expect(await value("pf_ocsp_cache_lookups_total", { result: "hit" })).toBeGreaterThan(hits);
  });

  it("reports the age and entries of the CRLs it holds", async () => {
    await h.ctx.crl.refreshAll();
    const text = await h.ctx.metrics.service.registry.metrics();
    expect(text).toMatch(/pf_crl_age_seconds\{kind="sign",service="pf-server"\} [\d.]+/);
    expect(text).toMatch(/pf_crl_entries\{kind="auth",service="pf-server"\} \d+/);
    expect(text).toMatch(/pf_crl_seconds_until_next_update\{kind="sign",service="pf-server"\} [\d.]+/);
  });

  it("serves the metrics only to the bearer of the metrics token, without a cable ID in any label", async () => {
    const { cableId } = await registeredCard(h);
    const token = "metrics-token-for-tests-0123";
    const app = createApp(h.ctx, { adminToken: ADMIN_TOKEN, tvOrigins: [], metricsToken: token });
    expect((await app.request("/metrics")).status).toBe(401);
    const res = await app.request("/metrics", { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('route="/v1/registrations"');
    expect(text).not.toContain(cableId);
  });
});
