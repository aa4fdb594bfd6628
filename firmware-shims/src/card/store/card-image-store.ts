/**
 * @module A card image file on disk (`$CATV_DATA_DIR/cards/<cardId>.json`, written by the J-LIS simulator). Loading
 * validates it with `cardImageSchema`; saving writes a temporary file beside it and renames it over the original,
 * so a crash mid-write leaves either the old or the new image, never half of one (rename(2) is atomic within a
 * file system). This is what keeps a blocked card blocked across restarts.
 *
 * The card owns only its counters and PIN values; the J-LIS simulator owns the rest and may rewrite the file while
 * the card is inserted (a renewal after a move). A save therefore merges the card's fields into the file as it is
 * on disk instead of writing back the certificates the card loaded.
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type CardImage, cardImageSchema } from "@catv/jpki/card-image";
import type { CardStateStore } from "./card-state-store.ts";

/** Why a card image could not be loaded; the message never quotes the file's content (it holds PINs). */
export class CardImageError extends Error {
  readonly code: "card_image_unreadable" | "card_image_not_json" | "card_image_invalid";

  constructor(code: CardImageError["code"], message: string) {
    super(message);
    this.name = "CardImageError";
    this.code = code;
  }
}

export class CardImageStore implements CardStateStore {
  readonly path: string;
  /** Saves are chained so two quick counter changes reach the disk in order. */
  private writing: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  /**
   * Reads and validates the image.
   * @example const image = await new CardImageStore("/data/cards/abcd-1234.json").load();
   */
  async load(): Promise<CardImage> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      throw new CardImageError(
        "card_image_unreadable",
        `cannot read card image ${this.path}: ${errno(error)}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CardImageError("card_image_not_json", `card image ${this.path} is not JSON`);
    }
    const parsed = cardImageSchema.safeParse(json);
    if (!parsed.success) {
      // Only the paths of the failing fields: their values may be PINs or keys.
      const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "(root)").join(", ");
      throw new CardImageError("card_image_invalid", `card image ${this.path} is invalid at: ${fields}`);
    }
    return parsed.data;
  }

  save(image: CardImage): Promise<void> {
    const next = this.writing.then(() => this.write(image));
    this.writing = next.catch(() => undefined);
    return next;
  }

  /** The image now on disk if it is a valid image of the same card; otherwise the card's copy is written whole. */
  private async currentOnDisk(cardId: string): Promise<CardImage | undefined> {
    try {
      const parsed = cardImageSchema.safeParse(JSON.parse(await readFile(this.path, "utf8")));
      return parsed.success && parsed.data.cardId === cardId ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  private async write(image: CardImage): Promise<void> {
    const valid = mergeCardOwnedFields(await this.currentOnDisk(image.cardId), cardImageSchema.parse(image));
    const temporary = join(
      dirname(this.path),
      `.${basename(this.path)}.${randomBytes(6).toString("hex")}.tmp`,
    );
    const handle = await open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(valid, null, 2)}\n`, "utf8");
      // The data must be on disk before the rename makes it the card's state.
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await handle.close();
    try {
      await rename(temporary, this.path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }
}

/** What the card itself changes: retry counters (VERIFY) and PIN values (CHANGE REFERENCE DATA). */
function mergeCardOwnedFields(onDisk: CardImage | undefined, fromCard: CardImage): CardImage {
  if (!onDisk) return fromCard;
  return {
    ...onDisk,
    jpki: { ...onDisk.jpki, authPin: fromCard.jpki.authPin, signPassword: fromCard.jpki.signPassword },
    counters: { ...fromCard.counters },
  };
}

function errno(error: unknown): string {
  return error && typeof error === "object" && "code" in error ? String(error.code) : "unknown error";
}
