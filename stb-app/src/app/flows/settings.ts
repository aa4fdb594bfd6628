/**
 * @module 設定: the language (日本語 / English) and text size (標準 / 大 / 特大), applied at once to the screen and
 * to every screen Back returns to, and logout.
 */
import { nextLanguage, nextTextSize, type Preferences } from "../../lib/settings/preferences.ts";
import type { AppContext } from "../app-context.ts";

/** Each language named in itself, so a viewer who cannot read the current one still finds theirs. */
const LANGUAGE_NAMES: Record<Preferences["language"], string> = { ja: "日本語", en: "English" };

export class SettingsFlow {
  readonly #app: AppContext;

  constructor(app: AppContext) {
    this.#app = app;
  }

  open(): void {
    const { t, nav, preferences, pf } = this.#app;
    nav.go(() => {
      const prefs = preferences.get();
      return {
        kind: "settings",
        name: "settings",
        title: t("settings.title"),
        choices: [
          {
            label: t("settings.language"),
            value: LANGUAGE_NAMES[prefs.language],
            onSelect: () => void this.#change({ ...prefs, language: nextLanguage(prefs.language) }),
          },
          {
            label: t("settings.textSize"),
            value: t(`settings.textSize.${prefs.textSize}`),
            onSelect: () => void this.#change({ ...prefs, textSize: nextTextSize(prefs.textSize) }),
          },
          {
            label: t("settings.logout"),
            ...(pf.session ? {} : { sub: t("settings.notLoggedIn"), disabled: true }),
            onSelect: () => void this.#app.logOut(),
          },
        ],
      };
    });
  }

  async #change(next: Preferences): Promise<void> {
    await this.#app.preferences.set(next);
    this.#app.nav.redraw();
    this.#app.updateStatus();
  }
}
