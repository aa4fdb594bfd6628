/**
 * @module The smallest Lightning app worth drawing, for `npm run bench:floor`: Lightning core alone (no SDK, no
 * web font, no network, no app code), one full-screen rectangle and one line of text in the system font, on the
 * same 1920×1080 stage and renderer switch as the real app. Marks `script` when its module runs and `drawn` after
 * its first frame.
 */
import { Application } from "@lightningjs/core";

performance.mark("script");

class MinimalApp extends Application {
  static override _template() {
    return {
      Background: { rect: true, w: 1920, h: 1080, color: 0xff0b1a2e },
      Title: { x: 120, y: 100, text: { text: "CATVポータル Portal", fontSize: 64 } },
    };
  }
  override _init() {
    this.stage.once("frameEnd", () => performance.mark("drawn"));
  }
}

const app = new MinimalApp({
  stage: {
    w: 1920,
    h: 1080,
    canvas2d: !new URLSearchParams(location.search).has("webgl"),
    useImageWorker: false,
  },
});
document.body.appendChild(app.stage.getCanvas());
