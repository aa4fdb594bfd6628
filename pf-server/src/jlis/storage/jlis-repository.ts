/**
 * @module What the J-LIS domain needs from storage, asynchronous so that SQLite (`sqlite-jlis-repository.ts`, the
 * default) and PostgreSQL (`postgres/postgres-jlis-repository.ts`) serve it alike, held to one contract suite
 * (`jlis-repository.contract.ts`); `jlis-database.ts` opens the one `DATABASE_URL` names. The domain never sees
 * SQL. Residents are read back without their decoy 個人番号: no read method returns it.
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
  /**
   * Runs `work` atomically with the repository it is given (use that one inside): everything or nothing is stored.
   */
  transaction<T>(work: (tx: JlisRepository) => Promise<T>): Promise<T>;

  insertResident(resident: ResidentRecord, decoyMyNumber: string): Promise<void>;
  updateResident(id: string, patch: Partial<Omit<ResidentRecord, "id">>): Promise<void>;
  findResident(id: string): Promise<ResidentRecord | undefined>;
  listResidents(): Promise<ResidentRecord[]>;
  countResidents(): Promise<number>;

  insertCertificate(certificate: CertificateRecord): Promise<void>;
  updateCertificate(
    serialNumber: string,
    patch: Partial<Omit<CertificateRecord, "serialNumber">>,
  ): Promise<void>;
  findCertificate(serialNumber: string): Promise<CertificateRecord | undefined>;
  /** The resident's newest certificate of a type (the one nothing supersedes). */
  currentCertificate(residentId: string, type: CertificateType): Promise<CertificateRecord | undefined>;
  revokedCertificates(type: CertificateType): Promise<CertificateRecord[]>;
  countCertificates(): Promise<number>;

  findCaKey(name: string): Promise<CaKeyRecord | undefined>;
  saveCaKey(key: CaKeyRecord): Promise<void>;

  /** The newest CRL of this CA, of the given scope or of either. */
  latestCrl(type: CertificateType, scope?: CrlRecord["scope"]): Promise<CrlRecord | undefined>;
  insertCrl(crl: CrlRecord): Promise<void>;

  findVerifierSecretHash(verifierId: string): Promise<string | undefined>;
  registerVerifier(verifierId: string, secretSha256: string, at: string): Promise<void>;
  countVerifierUse(verifierId: string, kind: string, month: string): Promise<void>;
  verifierUsage(): Promise<VerifierUsageRow[]>;
}
