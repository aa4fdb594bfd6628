/**
 * @module The STB's cache of what a card holds publicly and never changes, keyed by the user-authentication
 * certificate's serial: the certificate itself and the 券面事項確認AP's card-verifiable certificate. With it a
 * PIN-less login reads only the certificate header (to learn the serial) instead of ~1.3 KB. A renewed card has a
 * new serial, so a stale entry is never used. Entries hold no PIN, no birth date and no 個人番号.
 */

export interface CachedCard {
  authenticationCertificate: Uint8Array;
  cardVerifiableCertificate?: Uint8Array;
}

export interface CertificateCache {
  get(serialHex: string): CachedCard | undefined;
  set(serialHex: string, entry: CachedCard): void;
}

/** A bounded in-memory cache (least recently used goes first); a household has only a few cards. */
export class MemoryCertificateCache implements CertificateCache {
  readonly #entries = new Map<string, CachedCard>();
  readonly #capacity: number;

  constructor(capacity = 16) {
    this.#capacity = capacity;
  }

  get(serialHex: string): CachedCard | undefined {
    const entry = this.#entries.get(serialHex);
    if (entry) {
      this.#entries.delete(serialHex);
      this.#entries.set(serialHex, entry);
    }
    return entry;
  }

  set(serialHex: string, entry: CachedCard): void {
    this.#entries.delete(serialHex);
    this.#entries.set(serialHex, entry);
    while (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }
}
