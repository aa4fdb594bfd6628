/**
 * @module Reads the 利用者証明用電子証明書 (no PIN needed): SELECT the JPKI-AP, READ its header by SFI, and only
 * when the serial is not cached, READ the rest — 2 APDUs on a cache hit, 3 on an extended-level reader otherwise.
 */
import type { CertificateCache } from "./certificate-cache.ts";
import type { JpkiCardClient } from "./jpki-card-client.ts";

export interface AuthenticationCertificateRead {
  certificate: Uint8Array;
  /** Hex of the serial as encoded; stays on the STB (the PF learns serials from the certificate itself). */
  serialHex: string;
  fromCache: boolean;
}

export async function readAuthenticationCertificate(
  card: JpkiCardClient,
  cache?: CertificateCache,
): Promise<AuthenticationCertificateRead> {
  await card.selectJpki();
  const { serialHex, header } = await card.readCertificateSerial("auth");
  const cached = cache?.get(serialHex);
  if (cached) return { certificate: cached.authenticationCertificate, serialHex, fromCache: true };
  const certificate = await card.readCertificate("auth", header);
  cache?.set(serialHex, { authenticationCertificate: certificate });
  return { certificate, serialHex, fromCache: false };
}
