/**
 * @module Common base of the screens: receives its `ScreenSpec`, draws the title, and hands focus to one
 * main control. Subclasses only lay out their own body.
 */
import { Lightning } from "@lightningjs/sdk";
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose, type Template, tagOf } from "../components/lightning-helpers.ts";
import { color, SAFE, text } from "../components/theme.ts";

/** Where screen content starts below the app header. */
export const CONTENT_TOP = 170;

export abstract class BaseScreen<S extends ScreenSpec = ScreenSpec> extends Lightning.Component {
  _spec!: S;

  static override _template(): Template {
    return { w: 1920, h: 1080, Title: { x: SAFE.x, y: CONTENT_TOP } } as never;
  }

  set spec(v: S) {
    this._spec = v;
    const title = "title" in v ? (v.title as string) : this.fixedTitle();
    loose(this).patch({
      Title: { text: text(title, 56, { bold: true, wrapWidth: SAFE.w, maxLines: 2 }), visible: !!title },
    });
    this.render(v);
  }

  abstract render(spec: S): void;

  /** Title for screens whose spec carries none (the password keyboard, healthcare). */
  fixedTitle(): string {
    return "";
  }

  /** Adds or replaces a child; screens build their body from data, not from a static template. */
  put(ref: string, template: Template): Lightning.Element {
    const existing = loose(this).tag(ref);
    if (existing) loose(existing).patch(template);
    else loose(this).childList.a({ ref, ...template });
    return tagOf(this, ref);
  }

  static titleColor = color.text;
}
