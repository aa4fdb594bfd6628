/**
 * @module JPKI certificate-profile codecs shared by the PF and the simulated J-LIS: OIDs, the 4情報, 和暦 keys,
 * and the 券面事項確認AP records (date-of-birth record, card-verifiable certificate).
 */
export * from "./ber-tlv.ts";
export * from "./card-public-key.ts";
export * from "./card-verifiable-certificate.ts";
export * from "./date-of-birth-record.ts";
export * from "./four-info.ts";
export * from "./jpki-codec-error.ts";
export * from "./oids.ts";
export * from "./wareki.ts";
export * from "./x509.ts";
