/**
 * @module The viewer's display preferences (language, text size), kept on the STB only. Nothing personal.
 */

export type Language = "ja" | "en";
export type TextSize = "standard" | "large" | "largest";
export interface Preferences {
  language: Language;
  textSize: TextSize;
}

export const defaultPreferences = (): Preferences => ({ language: "ja", textSize: "standard" });

/** Font scale per text size; "largest" is still laid out to fit the 1080p safe area. */
export const TEXT_SCALE: Record<TextSize, number> = { standard: 1, large: 1.15, largest: 1.3 };

export function parsePreferences(value: unknown): Preferences {
  const p = (value ?? {}) as Partial<Preferences>;
  const d = defaultPreferences();
  return {
    language: p.language === "en" || p.language === "ja" ? p.language : d.language,
    textSize: p.textSize && p.textSize in TEXT_SCALE ? p.textSize : d.textSize,
  };
}

/** The text sizes in the order the settings row steps through them. */
export const TEXT_SIZES: readonly TextSize[] = ["standard", "large", "largest"];
export const nextTextSize = (size: TextSize): TextSize =>
  TEXT_SIZES[(TEXT_SIZES.indexOf(size) + 1) % TEXT_SIZES.length]!;
export const nextLanguage = (lang: Language): Language => (lang === "ja" ? "en" : "ja");
