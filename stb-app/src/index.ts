/**
 * @module Boots the Lightning TV app on the STB's browser.
 */
import { Launch } from "@lightningjs/sdk";
import { App } from "./App.ts";

const params = new URLSearchParams(location.search);
// Designed in 1920×1080 coordinates; on a 720p STB browser Lightning scales everything by precision.
const precision = window.innerWidth / 1920;
const app = Launch(
  App,
  {
    stage: {
      w: 1920 * precision,
      h: 1080 * precision,
      precision,
      canvas2d: params.has("c2d"),
      clearColor: 0xff0b1a2e,
    },
    enablePointer: false,
    debug: false,
    keys: { 8: "Back", 27: "Back", 461: "Back", 10009: "Back" },
  },
  {},
);
document.body.appendChild(app.stage.getCanvas());
(window as unknown as { __app: unknown }).__app = app;
