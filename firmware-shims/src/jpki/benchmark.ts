/**
 * @module `npm run bench`: APDUs, bytes and time per card flow — registration, PIN login, PIN-less login — through
 * the whole driver stack (JPKI client → CCID driver → virtual reader → emulated card), with the card's timing model
 * (`REAL_CARD_TIMING`: per-APDU, per-byte and per-signature costs) and without it (the stack's own overhead).
 * Goal from issue 4: a PIN-less login in at most 6 APDUs once the certificate is cached by serial; the PIN-less
 * rows run as the TV app does, in two card sessions around the PF's start (the CVC is read at most once).
 */
import { EmulatedMyNumberCard } from "../card/emulated-my-number-card.ts";
import { makeTestCard } from "../card/testing/make-test-card.ts";
import { type CardTiming, NO_DELAY, REAL_CARD_TIMING } from "../card/timing/card-timing.ts";
import { CcidReader } from "../ccid/ccid-reader.ts";
import { VirtualCcidReader } from "../reader/virtual-ccid-reader.ts";
import { MemoryCertificateCache } from "./certificate-cache.ts";
import { JpkiCardClient } from "./jpki-card-client.ts";
import { proveCardForPinlessLogin } from "./prove-card-for-pinless-login.ts";
import { readCardForPinlessStart } from "./read-card-for-pinless-start.ts";
import { signLoginChallenge } from "./sign-login-challenge.ts";
import { signRegistrationChallenge } from "./sign-registration-challenge.ts";

interface Row {
  flow: string;
  apdus: number;
  bytesOut: number;
  bytesIn: number;
  ms: number;
}

async function measure(
  reader: CcidReader,
  flow: string,
  run: (card: JpkiCardClient) => Promise<unknown>,
): Promise<Row> {
  const card = await JpkiCardClient.connect(reader);
  const started = performance.now();
  await run(card);
  const ms = performance.now() - started;
  return { flow, ...card.stats, ms };
}

async function benchmark(level: "extended-apdu" | "short-apdu", timing: CardTiming): Promise<Row[]> {
  const { image } = await makeTestCard();
  const device = new VirtualCcidReader({ exchangeLevel: level });
  device.insertCard(new EmulatedMyNumberCard(image, { timing }));
  const reader = await CcidReader.open(device, { timeoutMs: 10_000 });
  const cache = new MemoryCertificateCache();
  const toBeSigned = new TextEncoder().encode("CATV-PF\nlogin\nop-nanto\nstb-nanto-0001\nchallenge\nnonce");
  const challenge = crypto.getRandomValues(new Uint8Array(32));
  const birthDateKey = image.kenkaku.birthDateKey;
  // As the TV app runs it: one card session to read for the PF's start, another to prove the card after it.
  const pinless = async (cached: MemoryCertificateCache | undefined) => {
    const start = await measure(reader, "", (card) => readCardForPinlessStart(card, cached));
    const prove = await measure(reader, "", (card) =>
      proveCardForPinlessLogin(card, { challenge, birthDateKey }),
    );
    return (flow: string): Row => ({
      flow,
      apdus: start.apdus + prove.apdus,
      bytesOut: start.bytesOut + prove.bytesOut,
      bytesIn: start.bytesIn + prove.bytesIn,
      ms: start.ms + prove.ms,
    });
  };
  return [
    await measure(reader, "registration (signature key + 券面 proof, cold)", (card) =>
      signRegistrationChallenge(card, { toBeSigned, signPassword: image.jpki.signPassword }),
    ),
    await measure(reader, "PIN login (uncached certificate)", (card) =>
      signLoginChallenge(card, { toBeSigned, pin: image.jpki.authPin, cache }),
    ),
    await measure(reader, "PIN login (certificate cached)", (card) =>
      signLoginChallenge(card, { toBeSigned, pin: image.jpki.authPin, cache }),
    ),
    await measure(reader, "PIN login + 券面 proof (binds the card)", (card) =>
      signLoginChallenge(card, { toBeSigned, pin: image.jpki.authPin, cache, withCardProof: true }),
    ),
    (await pinless(undefined))("PIN-less login (nothing cached)"),
    (await pinless(cache))("PIN-less login (cached by serial)"),
  ];
}

function print(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log(
    `${"flow".padEnd(46)} ${"APDUs".padStart(5)} ${"bytes out".padStart(10)} ${"bytes in".padStart(9)} ${"time".padStart(9)}`,
  );
  for (const r of rows) {
    const time = `${r.ms.toFixed(0)} ms`;
    console.log(
      `${r.flow.padEnd(46)} ${String(r.apdus).padStart(5)} ${String(r.bytesOut).padStart(10)} ${String(r.bytesIn).padStart(9)} ${time.padStart(9)}`,
    );
  }
}

const timingModel = `per APDU ${REAL_CARD_TIMING.perCommandMs} ms, per byte ${REAL_CARD_TIMING.perByteMs} ms, per signature ${REAL_CARD_TIMING.perSignatureMs} ms`;
print(
  `Extended-APDU reader, card timing model (${timingModel})`,
  await benchmark("extended-apdu", REAL_CARD_TIMING),
);
print("Short-APDU reader, card timing model", await benchmark("short-apdu", REAL_CARD_TIMING));
print(
  "Extended-APDU reader, no card delays (driver + emulator overhead only)",
  await benchmark("extended-apdu", NO_DELAY),
);
console.log(
  "\nAPDU counts exclude the reset (IccPowerOn). Goal: PIN-less login ≤ 6 APDUs once cached by serial.",
);
