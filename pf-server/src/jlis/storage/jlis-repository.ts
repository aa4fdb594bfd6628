/**
 * @module What the J-LIS domain needs from storage. The SQLite implementation is `sqlite-jlis-repository.ts`;
 * the domain never sees SQL. Residents are read back without their decoy 個人番号: no read method returns it.
 */

export type CertificateType = "sign" | "auth";

export interface ResidentRecord {
  id: string;
  name: string;
  nameAlternativeFlags: string;
  address: string;
  addressAlternativeFlags: string;
  birthDate: string;
  gender: "0" | "1" | "2" | "9";
  town: string;
  prefecture: string;
  cardId: string;
  cardStatus: "active" | "lost";
  cardExpiresOn: string;
  createdAt: string;
  updatedAt: string;
}

export interface CertificateRecord {
  serialNumber: string;
  certificateType: CertificateType;
  residentId: string;
  cardId: string;
  der: Uint8Array;
  notBefore: string;
  notAfter: string;
  issuedAt: string;
  revokedAt: string | null;
  revocationReason: string | null;
  pairedSerialNumber: string | null;
  supersedesSerialNumber: string | null;
  supersededBySerialNumber: string | null;
}

export interface CaKeyRecord {
  name: string;
  privateKeyPkcs8: Uint8Array;
  certificateDer: Uint8Array | null;
  keyId: string | null;
  createdAt: string;
}

/** A real revocation as a CRL listed it. */
export interface CrlEntryRecord {
  serialNumber: string;
  revokedAt: string;
  /** RFC 5280 CRLReason name. */
  reason: string;
}

export interface CrlRecord {
  certificateType: CertificateType;
  crlNumber: number;
  /** A full CRL, or a delta CRL on the full CRL numbered `baseCrlNumber` (RFC 5280 §5.2.4). */
  scope: "full" | "delta";
  baseCrlNumber: number | null;
  thisUpdate: string;
  nextUpdate: string;
  revokedEntries: CrlEntryRecord[];
  /** Full CRLs also list this seeded synthetic population (count 0: none). */
  synthetic: { count: number; seed: string; asOf: string | null };
}

export interface VerifierUsageRow {
  verifierId: string;
  kind: string;
  month: string;
  count: number;
}

export interface JlisRepository {
  /** Runs `work` atomically: everything or nothing is stored. */
  transaction<T>(work: () => T): T;

  insertResident(resident: ResidentRecord, decoyMyNumber: string): void;
  updateResident(id: string, patch: Partial<Omit<ResidentRecord, "id">>): void;
  findResident(id: string): ResidentRecord | undefined;
  listResidents(): ResidentRecord[];
  countResidents(): number;

  insertCertificate(certificate: CertificateRecord): void;
  updateCertificate(serialNumber: string, patch: Partial<Omit<CertificateRecord, "serialNumber">>): void;
  findCertificate(serialNumber: string): CertificateRecord | undefined;
  /** The resident's newest certificate of a type (the one nothing supersedes). */
  currentCertificate(residentId: string, type: CertificateType): CertificateRecord | undefined;
  revokedCertificates(type: CertificateType): CertificateRecord[];
  countCertificates(): number;

  findCaKey(name: string): CaKeyRecord | undefined;
  saveCaKey(key: CaKeyRecord): void;

  /** The newest CRL of this CA, of the given scope or of either. */
  latestCrl(type: CertificateType, scope?: CrlRecord["scope"]): CrlRecord | undefined;
  insertCrl(crl: CrlRecord): void;

  findVerifierSecretHash(verifierId: string): string | undefined;
  registerVerifier(verifierId: string, secretSha256: string, at: string): void;
  countVerifierUse(verifierId: string, kind: string, month: string): void;
  verifierUsage(): VerifierUsageRow[];
}
