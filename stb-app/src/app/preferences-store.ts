/**
 * @module Keeps the viewer's preferences in the SDK's Storage (localStorage on the STB) and applies them:
 * language through the Language plugin, text size through the theme.
 */
import { Language, Storage } from "@lightningjs/sdk";
import { setTextScale } from "../components/theme.ts";
import { type Preferences, parsePreferences, TEXT_SCALE } from "../lib/settings/preferences.ts";

const KEY = "preferences";

export function loadPreferences(): Preferences {
  let stored: unknown = null;
  try {
    stored = Storage.get(KEY);
  } catch {
    stored = null;
  }
  const prefs = parsePreferences(stored);
  setTextScale(TEXT_SCALE[prefs.textSize]);
  return prefs;
}

export function createPreferencesStore() {
  let current = loadPreferences();
  return {
    get: () => current,
    async set(next: Preferences): Promise<void> {
      if (next.language !== current.language) await Language.set(next.language);
      setTextScale(TEXT_SCALE[next.textSize]);
      current = next;
      Storage.set(KEY, next);
    },
  };
}
