/**
 * @module The emulated My Number card: what the virtual reader, the bridge and the J-LIS simulator's tests import.
 */
export { INPUT_SUPPORT_AID } from "./applets/input-support-ap.ts";
export { JPKI_AID, JPKI_EF } from "./applets/jpki-ap.ts";
export { KENKAKU_AID, KENKAKU_EF } from "./applets/kenkaku-ap.ts";
export {
  type EmulatedCardOptions,
  EmulatedMyNumberCard,
  MY_NUMBER_CARD_ATR,
} from "./emulated-my-number-card.ts";
export { SW } from "./emulator/status-words.ts";
export { CardImageError, CardImageStore } from "./store/card-image-store.ts";
export { type CardStateStore, InMemoryCardStateStore } from "./store/card-state-store.ts";
export {
  type CardTiming,
  exchangeDelayMs,
  NO_DELAY,
  parseTiming,
  REAL_CARD_TIMING,
} from "./timing/card-timing.ts";
