/**
 * @module JPKI codecs shared by the PF, the simulated J-LIS, the emulated card and the tests: OIDs, the 4情報, 和暦
 * keys, BER-TLV and byte helpers, and the 券面事項確認AP records (date-of-birth record, card-verifiable
 * certificate). Node (it verifies with node:crypto); the card-image schema, BER-TLV, bytes and 和暦 are also
 * exported alone as browser-safe subpaths.
 */
export * from "./ber-tlv.ts";
export * from "./bytes.ts";
export * from "./card-public-key.ts";
export * from "./card-verifiable-certificate.ts";
export * from "./date-of-birth-record.ts";
export * from "./four-info.ts";
export * from "./jpki-codec-error.ts";
export * from "./oids.ts";
export * from "./wareki.ts";
export * from "./x509.ts";
