/**
 * @module Common base of the screens: receives its `ScreenSpec`, draws the title, and hands focus to one
 * main control. Subclasses lay out their own body from `bodyTop` (below the title as measured) down to
 * `BODY_BOTTOM` (above the key hints), measuring their texts (`measure`) rather than assuming their height.
 */
import { Lightning } from "@lightningjs/sdk";
import type { ScreenSpec } from "../app/screen-spec.ts";
import { loose, type Template, tagOf } from "../components/lightning-helpers.ts";
import { measureText, type TextBox } from "../components/measure-text.ts";
import { color, SAFE, text, textScale } from "../components/theme.ts";

/** Where screen content starts below the app header. */
export const CONTENT_TOP = 170;
/** Where screen content must end: the key hints sit below (App's footer, two lines at most at 特大). */
export const BODY_BOTTOM = 1080 - SAFE.y - 110;
/** Space between a screen's title and its body. */
const TITLE_GAP = 36;

export abstract class BaseScreen<S extends ScreenSpec = ScreenSpec> extends Lightning.Component {
  _spec!: S;
  /** Where the body starts: below the title's last line. */
  _bodyTop = CONTENT_TOP;

  static override _template(): Template {
    return { w: 1920, h: 1080, Title: { x: SAFE.x, y: CONTENT_TOP } } as never;
  }

  set spec(v: S) {
    this._spec = v;
    const title = "title" in v ? (v.title as string) : this.fixedTitle();
    const template = this.titleText(title);
    loose(this).patch({ Title: { text: template, visible: !!title } });
    this._bodyTop = title ? CONTENT_TOP + this.measure(template).h + TITLE_GAP : CONTENT_TOP;
    this.render(v);
  }

  get bodyTop(): number {
    return this._bodyTop;
  }

  abstract render(spec: S): void;

  /** The title's text template; the portal draws it larger. */
  titleText(title: string): Template {
    return text(title, 56, { bold: true, wrapWidth: SAFE.w, maxLines: 2 });
  }

  /** Title for screens whose spec carries none (the password keyboard). */
  fixedTitle(): string {
    return "";
  }

  /** The box a text template takes once drawn (Lightning's own layout of it). */
  measure(template: Template): TextBox {
    return measureText(this.stage as never, template);
  }

  /**
   * Lays a body out at the viewer's text scale, or — when it would end below `BODY_BOTTOM` — at the largest
   * smaller scale, down to 標準 (1), at which it fits.
   */
  fit<T extends { bottom: number }>(layout: (scale: number) => T): T {
    const wanted = textScale();
    let attempt = layout(wanted);
    for (let scale = wanted - 0.05; attempt.bottom > BODY_BOTTOM && scale >= 0.999; scale -= 0.05) {
      attempt = layout(scale);
    }
    return attempt;
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
