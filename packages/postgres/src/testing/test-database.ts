/**
 * @module A database of its own for each test file (or test) on the project's one server: `CREATE DATABASE` is a
 * few milliseconds on the test server, far less than a server per file, and a database dropped at the end leaves
 * nothing for the next file to trip on. A test that needs many fresh databases of one schema migrates one and
 * clones it (`template`), which copies the files instead of replaying the migrations.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export const ADMIN_URL_KEY = "catvPostgresAdminUrl";

declare module "vitest" {
  interface ProvidedContext {
    catvPostgresAdminUrl: string;
  }
}

export interface TestDatabase {
  name: string;
  /** A URL to this database, for `openPostgres` or a service's `DATABASE_URL`. */
  url: string;
  /** Drops it, ending any session still connected. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** The server's admin URL; by default the one the project's globalSetup provided. */
  adminUrl?: string;
  /** A database to copy (nobody may be connected to it while it is copied). */
  template?: string;
}

/** The admin URL the project's globalSetup provided, with a clear error when the project has none. */
export function postgresAdminUrl(): string {
  const url = inject(ADMIN_URL_KEY);
  if (!url) {
    throw new Error(
      'No PostgreSQL server for this Vitest project: add globalSetup: ["@catv/postgres/testing/global-setup"] to its config',
    );
  }
  return url;
}

async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * @example const database = await createTestDatabase(); … afterAll(() => database.drop());
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? postgresAdminUrl();
  const name = `test_${randomBytes(8).toString("hex")}`;
  await asAdmin(adminUrl, async (client) => {
    const template = options.template ? ` TEMPLATE ${client.escapeIdentifier(options.template)}` : "";
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${template}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      asAdmin(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}
