/**
 * @module What the administrator API shows of a resident: the 4情報, the card and its current certificates.
 * Never the decoy 個人番号 (the repository cannot even read it back).
 */
import type { CertificateRecord, JlisRepository, ResidentRecord } from "../storage/jlis-repository.ts";

export interface CertificateView {
  serialNumber: string;
  status: "good" | "revoked";
  revocationReason?: string;
  notAfter: string;
}

export interface ResidentView extends Omit<ResidentRecord, "createdAt" | "updatedAt"> {
  createdAt: string;
  updatedAt: string;
  certificates: { sign?: CertificateView; auth?: CertificateView };
}

const certificateView = (c: CertificateRecord | undefined): CertificateView | undefined =>
  c && {
    serialNumber: c.serialNumber,
    status: c.revokedAt ? "revoked" : "good",
    ...(c.revocationReason ? { revocationReason: c.revocationReason } : {}),
    notAfter: c.notAfter,
  };

export async function viewResident(repo: JlisRepository, resident: ResidentRecord): Promise<ResidentView> {
  const [sign, auth] = await Promise.all([
    repo.currentCertificate(resident.id, "sign"),
    repo.currentCertificate(resident.id, "auth"),
  ]);
  return { ...resident, certificates: { sign: certificateView(sign), auth: certificateView(auth) } };
}
