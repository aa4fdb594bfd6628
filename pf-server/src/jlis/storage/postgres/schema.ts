/**
 * @module The J-LIS simulator's PostgreSQL schema (drizzle pg-core; migrations in `pf-server/drizzle/jlis-pg`),
 * mirroring the SQLite one (`../schema.ts`) table by table: instants stay ISO-8601 text, DER and keys `bytea`.
 * `residents.decoy_my_number` is, as there, the only place a (fake) 個人番号 exists; nothing reads it back out.
 */
import { customType, integer, json, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/** PostgreSQL's byte string, as a Node Buffer (node-postgres reads bytea as one). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
});

export const residents = pgTable("residents", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  nameAlternativeFlags: text("name_alternative_flags").notNull(),
  address: text("address").notNull(),
  addressAlternativeFlags: text("address_alternative_flags").notNull(),
  birthDate: text("birth_date").notNull(),
  /** JIS X 0303. */
  gender: text("gender").notNull(),
  town: text("town").notNull(),
  prefecture: text("prefecture").notNull(),
  /** Decoy 個人番号 (12 digits, valid check digit): written once at creation, never selected by the service. */
  decoyMyNumber: text("decoy_my_number").notNull(),
  cardId: text("card_id").notNull(),
  cardStatus: text("card_status", { enum: ["active", "lost"] }).notNull(),
  cardExpiresOn: text("card_expires_on").notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const certificates = pgTable("certificates", {
  /** Lower-case hex without leading zeros. */
  serialNumber: text("serial_number").primaryKey(),
  certificateType: text("certificate_type", { enum: ["sign", "auth"] }).notNull(),
  residentId: text("resident_id").notNull(),
  cardId: text("card_id").notNull(),
  der: bytea("der").notNull(),
  notBefore: text("not_before").notNull(),
  notAfter: text("not_after").notNull(),
  issuedAt: text("issued_at").notNull(),
  revokedAt: text("revoked_at"),
  /** RFC 5280 CRLReason name. */
  revocationReason: text("revocation_reason"),
  /** 証明書紐付け: the other type's certificate this one is currently paired with. */
  pairedSerialNumber: text("paired_serial_number"),
  /** 証明書新旧紐付け. */
  supersedesSerialNumber: text("supersedes_serial_number"),
  supersededBySerialNumber: text("superseded_by_serial_number"),
});

export const caKeys = pgTable("ca_keys", {
  /** sign, auth, kenkaku, sign-ocsp, auth-ocsp. */
  name: text("name").primaryKey(),
  privateKeyPkcs8: bytea("private_key_pkcs8").notNull(),
  certificateDer: bytea("certificate_der"),
  /** 券面 CA only: the 16-byte key ID the CVCs name, hex. */
  keyId: text("key_id"),
  createdAt: text("created_at").notNull(),
});

/** One row per published CRL, full or delta (RFC 5280 §5.2.4), numbered in one sequence per CA. */
export const crls = pgTable(
  "crls",
  {
    certificateType: text("certificate_type", { enum: ["sign", "auth"] }).notNull(),
    crlNumber: integer("crl_number").notNull(),
    scope: text("scope", { enum: ["full", "delta"] })
      .notNull()
      .default("full"),
    /** Delta CRLs: the CRL number of the full CRL they apply to. */
    baseCrlNumber: integer("base_crl_number"),
    thisUpdate: text("this_update").notNull(),
    nextUpdate: text("next_update").notNull(),
    /** The real revocations listed: `[{serialNumber, revokedAt, reason}]`. */
    revokedEntries: json("revoked_entries")
      .$type<{ serialNumber: string; revokedAt: string; reason: string }[]>()
      .notNull()
      .default([]),
    /** Full CRLs: how many synthetic entries, from which seed, dated up to when. */
    syntheticCount: integer("synthetic_count").notNull().default(0),
    syntheticSeed: text("synthetic_seed").notNull().default(""),
    syntheticAsOf: text("synthetic_as_of"),
  },
  (t) => [primaryKey({ columns: [t.certificateType, t.crlNumber] })],
);

export const verifiers = pgTable("verifiers", {
  id: text("id").primaryKey(),
  /** SHA-256 of the secret, hex: the secret itself is not stored. */
  secretSha256: text("secret_sha256").notNull(),
  registeredAt: text("registered_at").notNull(),
});

export const verifierUsage = pgTable(
  "verifier_usage",
  {
    verifierId: text("verifier_id").notNull(),
    /** crl_sign, crl_auth, ocsp, linkage. */
    kind: text("kind").notNull(),
    /** YYYY-MM (UTC): J-LIS charges verifiers per check per month. */
    month: text("month").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.verifierId, t.kind, t.month] })],
);
