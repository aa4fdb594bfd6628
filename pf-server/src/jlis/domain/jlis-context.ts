/**
 * @module What every J-LIS use case gets: storage, the CAs, the card image store, a clock and a logger.
 */

import type { Logger } from "@catv/service-kit";
import type { CertificateAuthorities } from "../ca/certificate-authorities.ts";
import type { CertificateType, JlisRepository } from "../storage/jlis-repository.ts";
import type { CardImageStore } from "./card-image-store.ts";

/** How the CAs publish CRLs (`publish-crl.ts`). */
export interface CrlSettings {
  /** Full CRLs: nextUpdate distance. */
  fullValiditySeconds: number;
  /** Delta CRLs: nextUpdate distance. */
  deltaValiditySeconds: number;
  /** The synthetic revocations every full CRL also lists (count 0: none). */
  synthetic: { count: number; seed: string };
}

export interface JlisContext {
  repo: JlisRepository;
  cas: CertificateAuthorities;
  cards: CardImageStore;
  /** Base URL written into certificates (CRLDP, AIA→OCSP). */
  publicUrl: string;
  now: () => Date;
  log: Logger;
  crls: CrlSettings;
  /** Publishes delta CRLs of these types; called after each committed revocation. */
  afterRevocation: (types: CertificateType[]) => Promise<void>;
}
