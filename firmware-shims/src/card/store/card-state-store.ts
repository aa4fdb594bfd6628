/**
 * @module Where an emulated card keeps what survives a power cycle: its retry counters and changed PINs.
 */
import type { CardImage } from "@catv/jpki/card-image";

export interface CardStateStore {
  /** Stores the whole image; resolves once it is durable. Rejects when it could not be written. */
  save(image: CardImage): Promise<void>;
}

/** For tests and throw-away cards: keeps the last saved image in memory. */
export class InMemoryCardStateStore implements CardStateStore {
  saved: CardImage | undefined;
  saves = 0;

  async save(image: CardImage): Promise<void> {
    this.saved = structuredClone(image);
    this.saves += 1;
  }
}
