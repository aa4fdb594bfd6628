/**
 * @module Creates the demo installation's credentials once per data directory.
 *
 * Every system of the product authenticates to the others with its own secrets or keys. A real
 * installation provisions them out of band; the demo generates fresh random ones on first start
 * (never committed, never shared between installations) and writes them to one file that each
 * service's demo seed reads. The format is documented in docs/demo-credentials.md.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export interface DemoTerminal {
  terminalId: string;
  /** ES256 key pair of the STB; the firmware shim holds the private key, the PF the public one. */
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
}

export interface DemoStaff {
  loginId: string;
  password: string;
  role: "staff" | "admin";
  displayName: string;
}

export interface DemoOperator {
  id: string;
  name: string;
  town: string;
  prefecture: string;
  /** Secret the operator's system presents to the PF (Authorization: Bearer). */
  apiKey: string;
  /** Standard Webhooks secret (`whsec_` + base64) the PF signs this operator's events with. */
  webhookSecret: string;
  staff: DemoStaff[];
  terminals: DemoTerminal[];
}

export interface DemoProvider {
  id: string;
  name: string;
  /** Secret the provider presents to the PF when it reports usage. */
  apiKey: string;
  /** Standard Webhooks secret for PF → provider events. */
  webhookSecret: string;
  /** The login of the provider's staff pages (HTTP Basic), printed by `npm start`. */
  staff: { loginId: string; password: string };
}

export interface DemoCredentials {
  version: 1;
  createdAt: string;
  /** PF administrator API bearer token. */
  pfAdminToken: string;
  /** The PF's credential as a registered verifier at the simulated J-LIS. */
  jlisVerifier: { id: string; secret: string };
  /** J-LIS simulator's own administrator token (issuance, revocation). */
  jlisAdminToken: string;
  operators: DemoOperator[];
  providers: DemoProvider[];
  /** The PF administrator console's staff logins (hashed by the PF at its first start), printed by `npm start`. */
  pfAdminStaff: DemoStaff[];
  /** Bearer token of every service's `GET /metrics` (CATV_METRICS_TOKEN), printed by `npm start`. */
  metricsToken: string;
}

const secret = (bytes = 24) => randomBytes(bytes).toString("base64url");
const webhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

function terminal(terminalId: string): DemoTerminal {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    terminalId,
    privateJwk: privateKey.export({ format: "jwk" }),
    publicJwk: publicKey.export({ format: "jwk" }),
  };
}

const providerStaff = () => ({ loginId: "staff", password: secret(9) });
const pfAdminStaff = (): DemoStaff[] => [
  { loginId: "pf-admin", password: secret(12), role: "admin", displayName: "共通的PF 管理者" },
  { loginId: "pf-operator", password: secret(12), role: "staff", displayName: "共通的PF 運用担当" },
];

function operator(id: string, name: string, town: string, prefecture: string, slug: string): DemoOperator {
  return {
    id,
    name,
    town,
    prefecture,
    apiKey: secret(),
    webhookSecret: webhookSecret(),
    staff: [
      { loginId: `${slug}-admin`, password: secret(9), role: "admin", displayName: `${town} 管理者` },
      { loginId: `${slug}-staff`, password: secret(9), role: "staff", displayName: `${town} 窓口担当` },
    ],
    terminals: [terminal(`stb-${slug}-0001`), terminal(`stb-${slug}-0002`)],
  };
}

export function generateDemoCredentials(now = new Date()): DemoCredentials {
  return {
    version: 1,
    createdAt: now.toISOString(),
    pfAdminToken: secret(),
    jlisVerifier: { id: "catv-common-pf", secret: secret() },
    jlisAdminToken: secret(),
    operators: [
      operator("op-nanto", "なんとケーブルテレビ（デモ）", "南砺市", "富山県", "nanto"),
      operator("op-suzaka", "すざかケーブルネット（デモ）", "須坂市", "長野県", "suzaka"),
      operator("op-inabe", "いなべケーブルビジョン（デモ）", "いなべ市", "三重県", "inabe"),
    ],
    providers: [
      {
        id: "prov-facility",
        name: "公共施設予約（デモ）",
        apiKey: secret(),
        webhookSecret: webhookSecret(),
        staff: providerStaff(),
      },
      {
        id: "prov-healthcare",
        name: "ヘルスケア情報（デモ）",
        apiKey: secret(),
        webhookSecret: webhookSecret(),
        staff: providerStaff(),
      },
    ],
    pfAdminStaff: pfAdminStaff(),
    metricsToken: secret(),
  };
}

/**
 * Returns the data directory's credentials, creating them on the first run only. A file written before the
 * providers' staff logins, the PF administrators' logins or the metrics token existed gets them added (and is
 * rewritten once), so an existing `.data/` keeps working.
 */
export function ensureDemoCredentials(path: string): { credentials: DemoCredentials; created: boolean } {
  if (existsSync(path)) {
    const credentials = JSON.parse(readFileSync(path, "utf8")) as DemoCredentials;
    const missingStaff = credentials.providers.filter((p) => !p.staff);
    const missingAdmin = !credentials.pfAdminStaff || !credentials.metricsToken;
    if (missingStaff.length > 0 || missingAdmin) {
      for (const provider of missingStaff) provider.staff = providerStaff();
      credentials.pfAdminStaff ??= pfAdminStaff();
      credentials.metricsToken ??= secret();
      writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    }
    return { credentials, created: false };
  }
  const credentials = generateDemoCredentials();
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return { credentials, created: true };
}
