/**
 * @module While the card signs or the PF answers: a moving indicator so the viewer knows the TV has not hung.
 */
import type { ScreenSpec } from "../app/screen-spec.ts";
import { color, SAFE, t, text } from "../components/theme.ts";
import { BaseScreen } from "./BaseScreen.ts";

type Spec = Extract<ScreenSpec, { kind: "progress" }>;

export class ProgressScreen extends BaseScreen<Spec> {
  render(spec: Spec): void {
    const step = text(spec.step || t("progress.body"), 44, {
      color: color.subtext,
      wrapWidth: SAFE.w,
      maxLines: 2,
    });
    const keep = text(t("progress.body"), 34, { color: color.subtext, wrapWidth: SAFE.w, maxLines: 2 });
    this.put("Step", { x: SAFE.x, y: this.bodyTop, text: step });
    const keepTop = this.bodyTop + this.measure(step).h + 12;
    this.put("Keep", { x: SAFE.x, y: keepTop, text: keep });
    const spinner = this.put("Spinner", {
      x: 960,
      y: Math.max(640, keepTop + this.measure(keep).h + 120),
      w: 120,
      h: 120,
      mount: 0.5,
      rect: true,
      color: color.focusRing,
    });
    spinner
      .animation({ duration: 1.2, repeat: -1, actions: [{ p: "rotation", v: { 0: 0, 1: Math.PI * 2 } }] })
      .start();
  }
}
