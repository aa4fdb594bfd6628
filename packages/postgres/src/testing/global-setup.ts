/**
 * @module Vitest `globalSetup` of a project whose tests use PostgreSQL: ONE real server for the whole project
 * (started before its first test file, stopped after its last), its admin URL handed to the test files through
 * Vitest's `provide`/`inject`; each file then makes its own database (`createTestDatabase`).
 * @example test: { globalSetup: ["@catv/postgres/testing/global-setup"] }
 */
import type { TestProject } from "vitest/node";
import { startPostgresForTests } from "./embedded-server.ts";
import { ADMIN_URL_KEY } from "./test-database.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgresForTests();
  project.provide(ADMIN_URL_KEY, server.adminUrl);
  return () => server.stop();
}
