/**
 * @module This provider's secrets: the API key it presents to the PF and the webhook secret the PF signs its
 * events with, and in the demo its staff page's login and the names of the installation's CATV operators. The demo
 * reads them from the launcher's credentials file (docs/demo-credentials.md); a real installation sets
 * `PROVIDER_API_KEY`, `PROVIDER_WEBHOOK_SECRET` and its staff password instead, and learns operators' names from
 * their settlements.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

/** The only part of the demo credentials file a provider needs (parsed with its own schema, by design). */
const demoCredentialsSchema = z.object({
  providers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      apiKey: z.string().min(1),
      webhookSecret: z.string().min(1),
      /** The staff page's login (HTTP Basic); files written before it existed have none. */
      staff: z.object({ loginId: z.string().min(1), password: z.string().min(8) }).optional(),
    }),
  ),
  operators: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
});

export interface StaffLogin {
  loginId: string;
  password: string;
}

export interface ProviderCredentials {
  providerId: string;
  name: string;
  apiKey: string;
  webhookSecret: string;
  /** The staff page's login from the demo credentials (a real installation sets its own in the environment). */
  staff?: StaffLogin;
  /** The CATV operators of the installation by ID, as the demo credentials name them (empty otherwise). */
  operators: { id: string; name: string }[];
}

/**
 * @example const creds = loadProviderCredentials("prov-facility", process.env);
 */
export function loadProviderCredentials(providerId: string, env: NodeJS.ProcessEnv): ProviderCredentials {
  if (env.PROVIDER_API_KEY && env.PROVIDER_WEBHOOK_SECRET) {
    return {
      providerId,
      name: providerId,
      apiKey: env.PROVIDER_API_KEY,
      webhookSecret: env.PROVIDER_WEBHOOK_SECRET,
      operators: [],
    };
  }
  const path = env.CATV_DEMO_CREDENTIALS;
  if (!path) {
    throw new Error(
      "Set CATV_DEMO_CREDENTIALS (npm start does) or PROVIDER_API_KEY and PROVIDER_WEBHOOK_SECRET.",
    );
  }
  const parsed = demoCredentialsSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${path} is not a demo credentials file: ${parsed.error.message}`);
  const mine = parsed.data.providers.find((p) => p.id === providerId);
  if (!mine) throw new Error(`${path} has no provider "${providerId}".`);
  return {
    providerId,
    name: mine.name,
    apiKey: mine.apiKey,
    webhookSecret: mine.webhookSecret,
    ...(mine.staff ? { staff: mine.staff } : {}),
    operators: parsed.data.operators.map(({ id, name }) => ({ id, name })),
  };
}
