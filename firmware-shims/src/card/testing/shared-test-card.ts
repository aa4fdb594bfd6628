/**
 * @module One test card per test worker: RSA-2048 key generation is the slow part, and every test gets a fresh
 * emulator (and counters) from a copy of the same image anyway.
 */
import { type EmulatedCardOptions, EmulatedMyNumberCard } from "../emulated-my-number-card.ts";
import { makeTestCard, type TestCard } from "./make-test-card.ts";

let shared: Promise<TestCard> | undefined;

export function sharedTestCard(): Promise<TestCard> {
  shared ??= makeTestCard();
  return shared;
}

/** A powered-on emulator over a copy of the shared image. */
export async function poweredTestCard(options: EmulatedCardOptions = {}): Promise<EmulatedMyNumberCard> {
  const { image } = await sharedTestCard();
  const card = new EmulatedMyNumberCard(structuredClone(image), options);
  card.powerOn();
  return card;
}
