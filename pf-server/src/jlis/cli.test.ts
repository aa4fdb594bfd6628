import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "./cli.ts";
import { issueCard } from "./domain/issue-card.ts";
import { SAMPLE_RESIDENT, startTestService, TEST_CREDENTIALS } from "./testing/test-service.ts";

let service: Awaited<ReturnType<typeof startTestService>>;
let residentId: string;
let signSerial: string;
const output: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  service = await startTestService();
  const { resident } = await issueCard(service.ctx, SAMPLE_RESIDENT);
  residentId = resident.id;
  signSerial = resident.certificates.sign!.serialNumber;
  await service.close(); // the CLI opens the same data directory itself
  const credentials = join(service.dataDir, "demo-credentials.json");
  writeFileSync(credentials, JSON.stringify(TEST_CREDENTIALS));
  vi.stubEnv("CATV_DATA_DIR", service.dataDir);
  vi.stubEnv("CATV_DEMO_CREDENTIALS", credentials);
  vi.spyOn(console, "log").mockImplementation((line: string) => void output.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
}, 60_000);
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  service.dispose();
});

describe("jlis-cli", { timeout: 60_000 }, () => {
  it("lists the residents of the data directory", async () => {
    expect(await runCli(["residents"])).toBe(0);
    expect(output.at(-1)).toContain(residentId);
  });

  it("revokes a serial with an RFC 5280 reason", async () => {
    expect(await runCli(["revoke", signSerial, "--reason", "keyCompromise"])).toBe(0);
    expect(JSON.parse(output.at(-1)!)).toMatchObject({ serialNumber: signSerial, reason: "keyCompromise" });
  });

  it("refuses a reason outside RFC 5280 with validation_failed and exit code 1", async () => {
    expect(await runCli(["revoke", signSerial, "--reason", "moved"])).toBe(1);
    expect(errors.at(-1)).toMatch(/^validation_failed: reason/);
  });

  it("prints the usage and exits 2 without a command", async () => {
    expect(await runCli([])).toBe(2);
    expect(output.at(-1)).toContain("Usage: jlis-cli");
  });
});
