/**
 * @module The file format of an emulated My Number card (個人番号カード(模擬)).
 *
 * The simulated J-LIS writes one file per issued card (`$CATV_DATA_DIR/cards/<cardId>.json`); the emulated
 * card loads it and writes its counters back, so a blocked PIN stays blocked across restarts. The format holds
 * exactly what the chip would hold for the JPKI AP and the 券面事項確認AP's PIN-less path — and deliberately no
 * 個人番号: the files that would contain it (確認AP EF 0005, 照合番号A, 入力補助AP EF 0001/0003) do not exist
 * on an emulated card.
 */
import { z } from "zod";

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "standard base64");

export const CARD_IMAGE_FORMAT = "catv-demo-mynumber-card/1";

export const cardImageSchema = z.object({
  format: z.literal(CARD_IMAGE_FORMAT),
  /** Opaque identifier of this physical (emulated) card; unrelated to any personal number. */
  cardId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  /** What the demo control page shows when choosing a card (the name printed on the card's face). */
  displayLabel: z.string().min(1).max(80),
  issuedAt: z.iso.datetime(),
  /** Expiry printed on the card (the certificates may expire earlier). */
  cardExpiresOn: z.iso.date(),
  jpki: z.object({
    /** EF 000A — 利用者証明用電子証明書, DER. Readable without a PIN. */
    authCertificate: base64,
    /** EF 0017 — RSA-2048 private key, PKCS#8 DER. Usable after VERIFY of EF 0018. */
    authPrivateKey: base64,
    /** EF 000B — 利用者証明用 CA certificate, DER. */
    authCaCertificate: base64,
    /** EF 0001 — 署名用電子証明書, DER. Readable only after VERIFY of EF 001B. */
    signCertificate: base64,
    /** EF 001A — RSA-2048 private key, PKCS#8 DER. Usable after VERIFY of EF 001B. */
    signPrivateKey: base64,
    /** EF 0002 — 署名用 CA certificate, DER. */
    signCaCertificate: base64,
    /** EF 0018 — 利用者証明用暗証番号: 4 digits. */
    authPin: z.string().regex(/^[0-9]{4}$/),
    /** EF 001B — 署名用パスワード: 6–16 of A–Z and 0–9. */
    signPassword: z.string().regex(/^[A-Z0-9]{6,16}$/),
  }),
  kenkaku: z.object({
    /** EF 0011 — the 生年月日 key: 和暦 YYMMDD in ASCII digits (1980-02-17 → "550217"). */
    birthDateKey: z.string().regex(/^[0-9]{6}$/),
    /** EF 0001 — FF10 { DF11 YYYYMMDD, DF12 card public key, DF13 signature }, opened by the 生年月日 key. */
    dateOfBirthRecord: base64,
    /** EF 0003 — FF30 { DF31 … DF35 }, free to read. */
    cardInfo: base64,
    /** EF 0004 — card-verifiable certificate 7F21 { 5F4E body, 5F37 signature } from the 券面 CA. */
    cardVerifiableCertificate: base64,
    /** The card's own RSA-2048 key (public part in DF12 and the CVC), PKCS#8 DER; signs with 80 2A 00 00. */
    cardPrivateKey: base64,
  }),
  /** Remaining tries; 0 = blocked (only a municipal office can reset it). Persisted by the emulator. */
  counters: z.object({
    authPinRemaining: z.number().int().min(0).max(3),
    signPasswordRemaining: z.number().int().min(0).max(5),
    birthDateKeyRemaining: z.number().int().min(0).max(10),
  }),
});

export type CardImage = z.infer<typeof cardImageSchema>;
