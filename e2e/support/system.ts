/**
 * @module What a test knows about the running system: its URLs, data directory and demo credentials.
 */
import { readFileSync } from "node:fs";
import type { DemoCredentials } from "../launcher/demo-credentials.ts";

export interface SystemUnderTest {
  dataDir: string;
  urls: Record<string, string>;
  credentialsPath: string;
}

export function systemUnderTest(): SystemUnderTest {
  const file = process.env.E2E_SYSTEM_FILE;
  if (!file) throw new Error("E2E_SYSTEM_FILE is not set: run the suite through Playwright's global setup");
  return JSON.parse(readFileSync(file, "utf8")) as SystemUnderTest;
}

export function demoCredentials(system = systemUnderTest()): DemoCredentials {
  return JSON.parse(readFileSync(system.credentialsPath, "utf8")) as DemoCredentials;
}

export function serviceUrl(name: string, system = systemUnderTest()): string {
  const url = system.urls[name];
  if (!url) throw new Error(`the system has no service named ${name}`);
  return url;
}
