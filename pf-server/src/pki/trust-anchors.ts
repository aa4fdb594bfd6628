/**
 * @module The J-LIS trust anchors the PF validates against: the signature CA, the user-authentication CA and
 * the 券面 CA keys (card-verifiable certificates). Fetched from J-LIS's public endpoints and cached.
 */
import type { KenkakuCaKey } from "@catv/jpki";
import type { x509 } from "@catv/jpki/x509";

export interface TrustAnchors {
  /** CA certificates per purpose (several generations may be valid at once, jpki.md §6). */
  sign: x509.X509Certificate[];
  auth: x509.X509Certificate[];
  /** 券面 CA public keys, by their 16-byte CVC key ID. */
  kenkaku: KenkakuCaKey[];
}

export interface TrustAnchorSource {
  get(): Promise<TrustAnchors>;
}
