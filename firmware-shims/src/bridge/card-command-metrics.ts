/**
 * @module Counts the APDUs each emulated card answers at the bridge, by flow, command and status word, for the
 * bridge's Prometheus metrics. The bridge relays CCID blocks and never interprets them for the TV; this only
 * reads the header bytes (CLA INS P1 P2) and the file or application a SELECT names — never a PIN, a signed
 * digest or a response body.
 *
 * The flow is the card key family the commands work on (jpki.md §1–§4): `signature` (署名用電子証明書: a
 * registration), `authentication` (利用者証明用電子証明書: a PIN login, and the certificate read of a PIN-less
 * login), `kenkaku` (券面事項確認AP: a PIN-less login's proof), `input-support` (券面事項入力補助AP), and `none`
 * before anything is selected.
 */
import type { ServiceMetrics } from "@catv/service-kit/metrics";
import { Counter } from "@catv/service-kit/metrics";
import { INPUT_SUPPORT_AID } from "../card/applets/input-support-ap.ts";
import { JPKI_AID, JPKI_EF } from "../card/applets/jpki-ap.ts";
import { KENKAKU_AID } from "../card/applets/kenkaku-ap.ts";
import type { EmulatedMyNumberCard } from "../card/emulated-my-number-card.ts";
import type { CardLibrary } from "./card-library.ts";

export type CardFlow = "signature" | "authentication" | "kenkaku" | "input-support" | "jpki" | "none";

/** ISO/IEC 7816-4 instruction bytes the cards here answer. */
const COMMANDS: Record<number, string> = {
  164: "select",
  176: "read_binary",
  32: "verify",
  42: "compute_signature",
  136: "internal_authenticate",
  132: "get_challenge",
  192: "get_response",
};

const SIGNATURE_FILES = new Set<number>([
  JPKI_EF.SIGN_CERTIFICATE,
  JPKI_EF.SIGN_CA_CERTIFICATE,
  JPKI_EF.SIGN_KEY,
  JPKI_EF.SIGN_PASSWORD,
]);
const AUTHENTICATION_FILES = new Set<number>([
  JPKI_EF.AUTH_CERTIFICATE,
  JPKI_EF.AUTH_CA_CERTIFICATE,
  JPKI_EF.AUTH_KEY,
  JPKI_EF.AUTH_PIN,
]);

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** `9000`, `63cx` (wrong PIN, the retries left folded so the series stay few), or the status word in hex. */
function statusOf(response: Uint8Array): string {
  const sw1 = response[response.length - 2] ?? 0;
  const sw2 = response[response.length - 1] ?? 0;
  if (sw1 === 0x63 && (sw2 & 0xf0) === 0xc0) return "63cx";
  if (sw1 === 0x61) return "61xx";
  return `${sw1.toString(16).padStart(2, "0")}${sw2.toString(16).padStart(2, "0")}`;
}

/** The flow a SELECT moves the card to, or undefined when it does not change it. */
function flowAfterSelect(command: Uint8Array, current: CardFlow): CardFlow | undefined {
  const p1 = command[2];
  const length = command[4] ?? 0;
  const data = command.subarray(5, 5 + length);
  if (p1 === 0x04) {
    if (sameBytes(data, JPKI_AID)) return "jpki";
    if (sameBytes(data, KENKAKU_AID)) return "kenkaku";
    if (sameBytes(data, INPUT_SUPPORT_AID)) return "input-support";
    return "none";
  }
  if (
    p1 === 0x02 &&
    data.length === 2 &&
    (current === "jpki" || current === "signature" || current === "authentication")
  ) {
    const fid = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
    if (SIGNATURE_FILES.has(fid)) return "signature";
    if (AUTHENTICATION_FILES.has(fid)) return "authentication";
  }
  return undefined;
}

const COUNTER_NAME = "bridge_card_commands_total";

/** The bridge's counter of card commands (one per registry: a second bridge in the same process shares it). */
export function createCardCommandCounter(metrics: ServiceMetrics): Counter<"flow" | "command" | "status"> {
  const existing = metrics.registry.getSingleMetric(COUNTER_NAME);
  if (existing) return existing as Counter<"flow" | "command" | "status">;
  return new Counter({
    name: COUNTER_NAME,
    help: "APDUs answered by the cards in the bridge's readers, by flow (key family), command and status word.",
    labelNames: ["flow", "command", "status"],
    registers: [metrics.registry],
  });
}

/** The same card, counting each command it answers. */
export function countCardCommands(
  card: EmulatedMyNumberCard,
  counter: ReturnType<typeof createCardCommandCounter>,
): EmulatedMyNumberCard {
  let flow: CardFlow = "none";
  const transmit = card.transmit.bind(card);
  card.transmit = async (command: Uint8Array) => {
    const response = await transmit(command);
    const ins = command[1] ?? 0;
    const status = statusOf(response);
    if (ins === 0xa4 && status === "9000") flow = flowAfterSelect(command, flow) ?? flow;
    counter.inc({ flow, command: COMMANDS[ins] ?? "other", status });
    return response;
  };
  return card;
}

/** A card library whose cards count their commands. */
export function countingCardLibrary(library: CardLibrary, metrics: ServiceMetrics): CardLibrary {
  const counter = createCardCommandCounter(metrics);
  return {
    list: () => library.list(),
    async take(cardId) {
      const card = await library.take(cardId);
      return card && countCardCommands(card, counter);
    },
  };
}
