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

/**
 * A verifier of the medical field: an insurer (保険者). Its system is told apart at the PF by `id`; the PF calls its
 * 資格確認データ受付サーバ at `<MEDICAL_INSURER_URL>/insurers/<id>/pf/eligibility` and posts its `account.*` events to
 * `<MEDICAL_INSURER_URL>/insurers/<id>/pf/events` (docs/demo-credentials.md).
 */
export interface DemoInsurer {
  id: string;
  name: string;
  kind: "national-health-insurance" | "health-insurance-society";
  /** 保険者番号 as issued: 6 digits for a city's 国民健康保険, 8 for a 健康保険組合 (ONS pads 6 to 8 with zeros). */
  insurerNumber: string;
  town: string;
  prefecture: string;
  /** Secret the insurer's system presents to the PF (verifier API: account links, registrations). */
  apiKey: string;
  /** Standard Webhooks secret the PF signs this insurer's `account.*` events with. */
  webhookSecret: string;
  /** Demo logins of the insurer's own staff (its linking screen). */
  staff: DemoStaff[];
}

/** A site of a medical institution (a reception desk) with its reception terminals, provisioned like STBs. */
export interface DemoMedicalSite {
  siteId: string;
  name: string;
  /** The insurers this reception may consult and register patients with. */
  insurerIds: string[];
  terminals: DemoTerminal[];
}

/** A medical institution (医療機関): the owner of in-person sites, billed for recognitions. */
export interface DemoInstitution {
  id: string;
  name: string;
  /** 医療機関コード, 10 digits. */
  medicalInstitutionCode: string;
  town: string;
  prefecture: string;
  /** Secret the institution's system presents to the PF (institution API: patient references, fee statement). */
  apiKey: string;
  /** Demo logins of the institution's own staff (its reception and patient records). */
  staff: DemoStaff[];
  sites: DemoMedicalSite[];
}

export interface DemoMedical {
  insurers: DemoInsurer[];
  institutions: DemoInstitution[];
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
  /** The medical field's tenants (added to a credentials file made before the field existed). */
  medical: DemoMedical;
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

function staffOf(slug: string, displayName: string): DemoStaff[] {
  return [
    { loginId: `${slug}-admin`, password: secret(9), role: "admin", displayName: `${displayName} 管理者` },
    { loginId: `${slug}-staff`, password: secret(9), role: "staff", displayName: `${displayName} 担当` },
  ];
}

/**
 * Two insurers and one hospital, fictional, in 酒田市 (where the report's first demonstration ran). The numbers
 * carry valid check digits (検証番号: digits weighted 2, 1, 2 … from the right, the digit sum of each product,
 * 10 minus the last digit of the total): 保険者番号 069997 (山形県 06, 国保), 06069991 (法別番号 06 健康保険組合,
 * 山形県 06), 医療機関コード 06 1 04 9999 6 (山形県, 医科, 郡市区 04, 機関番号 9999).
 */
export function generateMedicalCredentials(): DemoMedical {
  return {
    insurers: [
      {
        id: "ins-sakata-kokuho",
        name: "酒田市国民健康保険（デモ）",
        kind: "national-health-insurance",
        insurerNumber: "069997",
        town: "酒田市",
        prefecture: "山形県",
        apiKey: secret(),
        webhookSecret: webhookSecret(),
        staff: staffOf("sakata-kokuho", "酒田市 国保年金課"),
      },
      {
        id: "ins-shonai-kenpo",
        name: "庄内ものづくり健康保険組合（デモ）",
        kind: "health-insurance-society",
        insurerNumber: "06069991",
        town: "酒田市",
        prefecture: "山形県",
        apiKey: secret(),
        webhookSecret: webhookSecret(),
        staff: staffOf("shonai-kenpo", "庄内ものづくり健保"),
      },
    ],
    institutions: [
      {
        id: "med-minato",
        name: "日本海みなと病院（デモ）",
        medicalInstitutionCode: "0610499996",
        town: "酒田市",
        prefecture: "山形県",
        apiKey: secret(),
        staff: staffOf("minato", "日本海みなと病院 医事課"),
        sites: [
          {
            siteId: "med-minato-reception",
            name: "外来受付",
            insurerIds: ["ins-sakata-kokuho", "ins-shonai-kenpo"],
            terminals: [terminal("rcp-minato-0001"), terminal("rcp-minato-0002")],
          },
        ],
      },
    ],
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
    medical: generateMedicalCredentials(),
    pfAdminStaff: pfAdminStaff(),
    metricsToken: secret(),
  };
}

/**
 * Returns the data directory's credentials, creating them on the first run only. A file written before the
 * providers' staff logins, the medical field, the PF administrators' logins or the metrics token existed gets them
 * added (everything already in it is kept, and the file is rewritten once), so an existing `.data/` keeps working
 * and starts the new systems too.
 */
export function ensureDemoCredentials(path: string): { credentials: DemoCredentials; created: boolean } {
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, "utf8")) as Omit<
      DemoCredentials,
      "medical" | "pfAdminStaff" | "metricsToken"
    > &
      Partial<Pick<DemoCredentials, "medical" | "pfAdminStaff" | "metricsToken">>;
    const missingStaff = stored.providers.filter((p) => !p.staff);
    if (missingStaff.length > 0 || !stored.medical || !stored.pfAdminStaff || !stored.metricsToken) {
      for (const provider of missingStaff) provider.staff = providerStaff();
      const credentials: DemoCredentials = {
        ...stored,
        medical: stored.medical ?? generateMedicalCredentials(),
        pfAdminStaff: stored.pfAdminStaff ?? pfAdminStaff(),
        metricsToken: stored.metricsToken ?? secret(),
      };
      writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
      return { credentials, created: false };
    }
    return { credentials: stored as DemoCredentials, created: false };
  }
  const credentials = generateDemoCredentials();
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return { credentials, created: true };
}
