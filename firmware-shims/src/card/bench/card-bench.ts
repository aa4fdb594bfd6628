/**
 * @module Benchmark of the emulated card: prints (1) what the emulator itself costs per APDU and per RSA signature on
 * this machine, and (2) how long the card-side part of a PIN login and a PIN-less (かざし) check would take with
 * `REAL_CARD_TIMING`, from the delays the timing model asks for (nothing is slept).
 *
 *   node firmware-shims/src/card/bench/card-bench.ts
 */
import { performance } from "node:perf_hooks";
import { JPKI_AID, JPKI_EF } from "../applets/jpki-ap.ts";
import { KENKAKU_AID, KENKAKU_EF } from "../applets/kenkaku-ap.ts";
import { EmulatedMyNumberCard } from "../emulated-my-number-card.ts";
import { apdu, ascii, readBinary, readWholeDer, selectAid, selectEf, send } from "../testing/apdu.ts";
import { makeTestCard } from "../testing/make-test-card.ts";
import { REAL_CARD_TIMING } from "../timing/card-timing.ts";

const DIGEST_INFO = new Uint8Array(51).fill(0x5a);
const { image } = await makeTestCard();

async function pinLogin(card: EmulatedMyNumberCard): Promise<void> {
  await send(card, selectAid(JPKI_AID));
  await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE));
  await readWholeDer(card);
  await send(card, selectEf(JPKI_EF.AUTH_PIN));
  await send(card, apdu(0x00, 0x20, 0x00, 0x80, 0x04, ascii(image.jpki.authPin)));
  await send(card, selectEf(JPKI_EF.AUTH_KEY));
  await send(card, apdu(0x80, 0x2a, 0x00, 0x80, DIGEST_INFO.length, DIGEST_INFO, 0x00));
}

async function pinlessCheck(card: EmulatedMyNumberCard): Promise<void> {
  await send(card, selectAid(JPKI_AID));
  await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE));
  await readWholeDer(card);
  await send(card, selectAid(KENKAKU_AID));
  await send(card, apdu(0x00, 0x20, 0x00, 0x91, 0x06, ascii(image.kenkaku.birthDateKey)));
  for (const fid of [KENKAKU_EF.DATE_OF_BIRTH_RECORD, KENKAKU_EF.CARD_VERIFIABLE_CERTIFICATE]) {
    await send(card, selectEf(fid));
    await send(card, apdu(0x00, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x00));
  }
  await send(card, apdu(0x80, 0x2a, 0x00, 0x00, DIGEST_INFO.length, DIGEST_INFO, 0x00));
}

// (1) Raw emulator cost.
const raw = new EmulatedMyNumberCard(structuredClone(image));
raw.powerOn();
await send(raw, selectAid(JPKI_AID));
await send(raw, selectEf(JPKI_EF.TOKEN_INFO));
const reads = 5000;
let started = performance.now();
for (let i = 0; i < reads; i++) await send(raw, readBinary(0, 0x20));
const perRead = (performance.now() - started) / reads;
await send(raw, apdu(0x00, 0x20, 0x00, 0x98, 0x04, ascii(image.jpki.authPin)));
const signatures = 50;
started = performance.now();
for (let i = 0; i < signatures; i++) {
  await send(raw, apdu(0x80, 0x2a, 0x00, 0x97, DIGEST_INFO.length, DIGEST_INFO, 0x00));
}
const perSignature = (performance.now() - started) / signatures;

// (2) Modelled real-card time.
async function modelled(flow: (card: EmulatedMyNumberCard) => Promise<void>) {
  let total = 0;
  let exchanges = 0;
  const card = new EmulatedMyNumberCard(structuredClone(image), {
    timing: REAL_CARD_TIMING,
    sleep: async (ms) => {
      total += ms;
      exchanges += 1;
    },
  });
  card.powerOn();
  await flow(card);
  return { total, exchanges };
}
const login = await modelled(pinLogin);
const pinless = await modelled(pinlessCheck);

console.log("emulated card benchmark");
console.log(`  READ BINARY 32 bytes (emulator only): ${(perRead * 1000).toFixed(1)} µs per APDU`);
console.log(`  RSA-2048 signature (emulator only):   ${perSignature.toFixed(2)} ms`);
console.log(`  with REAL_CARD_TIMING ${JSON.stringify(REAL_CARD_TIMING)}:`);
console.log(`    PIN login, card side:        ${login.total.toFixed(0)} ms over ${login.exchanges} APDUs`);
console.log(
  `    PIN-less check, card side:   ${pinless.total.toFixed(0)} ms over ${pinless.exchanges} APDUs`,
);
