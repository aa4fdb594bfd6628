/**
 * @module Card images on disk: `$CATV_DATA_DIR/cards/<cardId>.json`, mode 0600, validated against the shared
 * format before every write, written atomically (temporary file + rename) so the emulator never reads half a card.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CardImage, cardImageSchema } from "@catv/jpki/card-image";
import { fail } from "../errors.ts";

export interface CardImageStore {
  write(image: CardImage): void;
  read(cardId: string): CardImage;
  pathOf(cardId: string): string;
}

export function createCardImageStore(cardsDir: string): CardImageStore {
  const pathOf = (cardId: string) => join(cardsDir, `${cardId}.json`);
  return {
    pathOf,
    write(image) {
      const valid = cardImageSchema.parse(image);
      mkdirSync(cardsDir, { recursive: true, mode: 0o700 });
      const path = pathOf(valid.cardId);
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
      chmodSync(temporary, 0o600);
      renameSync(temporary, path);
    },
    read(cardId) {
      const path = pathOf(cardId);
      if (!existsSync(path)) fail("card_image_unreadable", `card image ${cardId} is missing`);
      const parsed = cardImageSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
      if (!parsed.success)
        fail("card_image_unreadable", `card image ${cardId} does not match the card format`);
      return parsed.data;
    },
  };
}
