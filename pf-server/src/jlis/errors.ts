/**
 * @module The J-LIS simulator's one catalogue of coded errors. HTTP answers carry
 * `{ error: { code, message, requestId } }` with the status fixed per code; the CLI prints the code and message.
 */
import { CodedError } from "@catv/service-kit";

export const jlisErrorCatalogue = {
  validation_failed: { status: 400, summary: "The request body or parameters do not match the schema." },
  unknown_town: {
    status: 400,
    summary: "The town is not one of the demo municipalities (南砺市, 須坂市, いなべ市).",
  },
  admin_unauthorized: { status: 401, summary: "Missing or wrong J-LIS administrator bearer token." },
  verifier_unauthorized: {
    status: 401,
    summary:
      "Revocation information is only for registered verifiers (公的個人認証法 17条/36条): HTTP Basic required.",
  },
  not_found: { status: 404, summary: "No such endpoint." },
  resident_not_found: { status: 404, summary: "No resident with this ID." },
  certificate_not_found: { status: 404, summary: "J-LIS issued no certificate with this serial number." },
  certificate_already_revoked: { status: 409, summary: "The certificate is already revoked." },
  card_lost: { status: 409, summary: "The resident's card was reported lost; renew to issue a new card." },
  card_image_unreadable: { status: 500, summary: "The card image on disk cannot be read back." },
  internal_error: { status: 500, summary: "Unexpected server error; the request ID is in the log." },
} as const;

export type JlisErrorCode = keyof typeof jlisErrorCatalogue;

export class JlisError extends CodedError<JlisErrorCode> {
  constructor(code: JlisErrorCode, message: string) {
    super(code, jlisErrorCatalogue[code].status, message);
    this.name = "JlisError";
  }
}

/** Throws the coded error; reads as a sentence at the call site. */
export function fail(code: JlisErrorCode, message: string): never {
  throw new JlisError(code, message);
}
