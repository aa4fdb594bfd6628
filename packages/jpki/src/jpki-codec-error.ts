/**
 * @module The one error the JPKI codecs throw: a stable code the caller maps to its own catalogue.
 */

export type JpkiCodecErrorCode =
  | "malformed_tlv"
  | "malformed_four_info"
  | "malformed_birth_date"
  | "malformed_cvc"
  | "malformed_date_of_birth_record"
  | "unknown_cvc_issuer"
  | "signature_invalid";

export class JpkiCodecError extends Error {
  readonly code: JpkiCodecErrorCode;

  constructor(code: JpkiCodecErrorCode, message: string) {
    super(message);
    this.name = "JpkiCodecError";
    this.code = code;
  }
}
