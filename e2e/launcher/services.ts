/**
 * @module Discovers the product's services from the workspaces' package.json files.
 *
 * Each package declares the processes it runs under `"catv": { "services": [...] }`, so a package
 * joins `npm start` by describing itself; the launcher never needs editing when a service lands.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const serviceDeclaration = z.object({
  /** Short name; the service's URL is passed to every process as `<NAME>_URL` (upper-cased, `-` → `_`). */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string(),
  /** Script run with the launcher's Node, relative to the package directory. */
  entry: z.string(),
  /** Environment variable that sets the port, and its default. */
  portEnv: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  defaultPort: z.number().int().min(1).max(65535),
  healthPath: z.string().startsWith("/"),
  /** Services in a lower tier are started and healthy before a higher tier starts. */
  tier: z.number().int().min(0).max(9),
  /** Pages worth opening, printed once the system is up. */
  links: z.array(z.object({ label: z.string(), path: z.string() })).default([]),
  /** Seconds to wait for the health check (a first run may build or seed). */
  startupSeconds: z.number().int().positive().default(60),
  /**
   * The service keeps data: given a PostgreSQL database as `DATABASE_URL` when the system runs on PostgreSQL
   * (its SQLite file otherwise).
   */
  database: z.boolean().default(false),
});
export type ServiceDeclaration = z.infer<typeof serviceDeclaration>;

const packageManifest = z.object({
  name: z.string(),
  scripts: z.record(z.string(), z.string()).optional(),
  catv: z
    .object({
      /** npm script run once before any service of the package starts (e.g. a production build). */
      prepare: z.string().optional(),
      services: z.array(serviceDeclaration).default([]),
    })
    .optional(),
});

export interface PackageServices {
  packageName: string;
  packageDir: string;
  prepareScript: string | undefined;
  services: ServiceDeclaration[];
}

/** Reads the root workspace list and every workspace's service declarations. */
export function discoverServices(root = repoRoot): PackageServices[] {
  const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    workspaces: string[];
  };
  return rootManifest.workspaces.map((workspace) => {
    const packageDir = join(root, workspace);
    const manifest = packageManifest.parse(
      JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")),
    );
    return {
      packageName: manifest.name,
      packageDir,
      prepareScript: manifest.catv?.prepare,
      services: manifest.catv?.services ?? [],
    };
  });
}

/** `facility-booking` → `FACILITY_BOOKING_URL`. */
export function urlEnvName(serviceName: string): string {
  return `${serviceName.toUpperCase().replaceAll("-", "_")}_URL`;
}
