/**
 * @module One PostgreSQL database per service that keeps data, as a deployment gives each system its own: the
 * launcher's scale-out mode creates `catv_<service>` on the server when it is missing and hands each service its
 * URL. Every instance of a service shares its database; no service reads another's.
 */
import pg from "pg";

/** `medical-insurer` → `catv_medical_insurer`. */
export const databaseNameOf = (service: string) => `catv_${service.replaceAll("-", "_")}`;

/** Creates the services' databases that do not exist yet; answers each service's `DATABASE_URL`. */
export async function ensureServiceDatabases(
  adminUrl: string,
  services: string[],
): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const urls = new Map<string, string>();
    for (const service of services) {
      const name = databaseNameOf(service);
      const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      // The name is made here from a declared service name ([a-z0-9_]), never from outside input.
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      urls.set(service, url.toString());
    }
    return urls;
  } finally {
    await client.end();
  }
}
