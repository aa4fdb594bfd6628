/**
 * @module The demo residents' cards: the card images the J-LIS simulator writes to `$CATV_DATA_DIR/cards/*.json`.
 * Listed afresh on every request (J-LIS may issue a card at any time); an image that does not parse is skipped
 * and logged by file name only (it holds PINs). A card taken from the library is a new emulator over the file,
 * which persists its counters back, so a PIN blocked in the demo stays blocked.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { CardImage } from "@catv/jpki/card-image";
import type { Logger } from "@catv/service-kit";
import { EmulatedMyNumberCard } from "../card/emulated-my-number-card.ts";
import { CardImageStore } from "../card/store/card-image-store.ts";
import type { CardTiming } from "../card/timing/card-timing.ts";

export interface CardSummary {
  cardId: string;
  displayLabel: string;
  cardExpiresOn: string;
  counters: CardImage["counters"];
}

export interface CardLibrary {
  list(): Promise<CardSummary[]>;
  /** A fresh emulated card for the image, or undefined when there is none. */
  take(cardId: string): Promise<EmulatedMyNumberCard | undefined>;
}

export class DirectoryCardLibrary implements CardLibrary {
  readonly #directory: string;
  readonly #timing: CardTiming;
  readonly #logger: Logger;

  constructor(directory: string, timing: CardTiming, logger: Logger) {
    this.#directory = directory;
    this.#timing = timing;
    this.#logger = logger;
  }

  async list(): Promise<CardSummary[]> {
    const summaries: CardSummary[] = [];
    for (const file of await this.#files()) {
      const image = await this.#load(file);
      if (image) {
        const { cardId, displayLabel, cardExpiresOn, counters } = image;
        summaries.push({ cardId, displayLabel, cardExpiresOn, counters });
      }
    }
    return summaries.sort((a, b) => a.displayLabel.localeCompare(b.displayLabel, "ja"));
  }

  async take(cardId: string): Promise<EmulatedMyNumberCard | undefined> {
    if (!/^[A-Za-z0-9-]{8,64}$/.test(cardId)) return undefined;
    const file = `${cardId}.json`;
    if (!(await this.#files()).includes(file)) return undefined;
    const store = new CardImageStore(join(this.#directory, file));
    const image = await this.#load(file);
    if (!image || image.cardId !== cardId) return undefined;
    return new EmulatedMyNumberCard(image, { store, timing: this.#timing });
  }

  async #files(): Promise<string[]> {
    try {
      return (await readdir(this.#directory)).filter((f) => f.endsWith(".json") && !f.startsWith("."));
    } catch {
      return [];
    }
  }

  async #load(file: string): Promise<CardImage | undefined> {
    try {
      return await new CardImageStore(join(this.#directory, file)).load();
    } catch (error) {
      this.#logger.warn("card image skipped", { file, code: (error as { code?: string }).code ?? "unknown" });
      return undefined;
    }
  }
}
