/**
 * @module Where the viewer has been, and how Back returns. History holds how to build each screen, not the
 * screen as it was built: going back rebuilds it, so it speaks the language and text size chosen meanwhile
 * (a built screen kept its old words). Each entry remembers where focus was, so Back lands on the tile the
 * viewer left, not on the first one.
 */
import type { ScreenHost, ScreenSpec } from "./screen-spec.ts";

/** Builds a screen from the flow's data; called again whenever the screen is shown again. */
export type ScreenBuilder = () => ScreenSpec;

/** A screen in the history, as `go` returned it: a flow asks whether it is still on top before it acts. */
export interface ScreenHandle {
  /** The spec last shown for it (rebuilt on every redraw). */
  readonly shown: ScreenSpec;
}

interface Entry extends ScreenHandle {
  build: ScreenBuilder;
  /** Where focus was when the viewer left; undefined until they move it. */
  focus: number | undefined;
  shown: ScreenSpec;
}

export class Navigation {
  readonly #host: ScreenHost;
  #entries: Entry[] = [];

  constructor(host: ScreenHost) {
    this.#host = host;
  }

  /** The screen on top, as last shown. */
  get current(): ScreenSpec | undefined {
    return this.#entries.at(-1)?.shown;
  }

  /** How many screens Back can return through (1: only the one shown). */
  get depth(): number {
    return this.#entries.length;
  }

  /** Shows a new screen on top of the others. */
  go(build: ScreenBuilder): ScreenHandle {
    const entry: Entry = { build, focus: undefined, shown: build() };
    this.#entries.push(entry);
    this.#show(entry, entry.shown);
    return entry;
  }

  /** Shows a screen in place of the one on top (a progress step, a screen updated with new data). */
  replace(build: ScreenBuilder): ScreenHandle {
    this.#entries.pop();
    return this.go(build);
  }

  /** Shows a progress step: in place of the progress screen on top, else on top (steps replace each other). */
  progress(build: ScreenBuilder): ScreenHandle {
    return this.current?.kind === "progress" ? this.replace(build) : this.go(build);
  }

  /** Forgets every screen and shows `build` as the only one (the portal). */
  reset(build: ScreenBuilder): ScreenHandle {
    this.#entries = [];
    return this.go(build);
  }

  /** Takes the top screen away without showing the one below: the flow shows another next. */
  pop(): void {
    this.#entries.pop();
  }

  /** Takes away progress screens on top: a screen that only said "please wait" is never returned to. */
  popProgress(): void {
    while (this.current?.kind === "progress") this.#entries.pop();
  }

  /** Shows the top screen again, rebuilt (after a language or text-size change, or a late font). */
  redraw(): void {
    const entry = this.#entries.at(-1);
    if (entry) this.#show(entry, entry.build());
  }

  /** Whether `screen` is on top (a flow checks before it takes away or updates a screen the viewer may have left). */
  isCurrent(screen: ScreenHandle): boolean {
    return this.#entries.at(-1) === screen;
  }

  /**
   * Back: the screen's own Back when it has one; otherwise the screen below, rebuilt and focused where the viewer
   * left it (progress screens are stepped over). False when there is nothing below (the caller asks to exit).
   */
  back(): boolean {
    const current = this.current;
    if (current?.onBack) {
      current.onBack();
      return true;
    }
    if (this.#entries.length <= 1) return false;
    this.#entries.pop();
    this.popProgress();
    if (this.#entries.length === 0) return false;
    this.redraw();
    return true;
  }

  #show(entry: Entry, spec: ScreenSpec): void {
    entry.shown = spec;
    if (entry.focus !== undefined) spec.focus = entry.focus;
    spec.onFocus = (index) => {
      entry.focus = index;
    };
    this.#host.show(spec);
  }
}
