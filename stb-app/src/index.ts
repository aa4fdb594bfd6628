/**
 * @module Boots the Lightning TV app on the STB's browser: connects the firmware ports, teaches Lightning to
 * wrap Japanese, and launches in 1920×1080 design coordinates (720p boxes scale through precision).
 */
import { TextTextureRenderer, TextTokenizer } from "@lightningjs/core";
import { Launch } from "@lightningjs/sdk";
import { App, provideBoot } from "./App.ts";
import { createRenderContext } from "./app/render-context.ts";
import { connectStbPorts } from "./app/stb-ports.ts";
import { japaneseTokens } from "./components/theme.ts";
import { buildKeyMap } from "./lib/keys/key-map.ts";
import { PfClient } from "./lib/pf/pf-client.ts";
import { installOneLineWrap } from "./lib/render/one-line-wrap.ts";

const win = window as unknown as Record<string, unknown>;
const params = new URLSearchParams(location.search);

// Lightning splits only at spaces, so Japanese would never wrap; `true` keeps its own tokenizer for ASCII.
TextTokenizer.setCustomTokenizer((value: string) => [{ tokens: japaneseTokens(value) }], true);
// Texts that fit their box are measured once instead of being segmented and measured word by word.
installOneLineWrap(TextTextureRenderer.prototype);

const ports = await connectStbPorts(win);
const pf = new PfClient({ baseUrl: ports.pfUrl, assert: ports.assert });
const portal = pf.portal();
// Handled by the controller when it awaits it; this only keeps an early failure from being reported unhandled.
portal.catch(() => {});
provideBoot({ ports, pf, portal });
// One task's pause lets the request's microtasks (terminal assertion, fetch) run before Lightning's set-up
// holds the main thread for a second or more on a slow box: the PF then answers while fonts load.
await new Promise((resolve) => setTimeout(resolve, 0));

// Designed in 1920×1080 coordinates; on a 720p STB browser Lightning scales everything by precision.
const precision = window.innerWidth >= 1920 ? 1 : window.innerWidth / 1920;
// WebGL on a GPU, Canvas2D on a software GL or none (`?c2d` / `?webgl` force one).
const render = createRenderContext(params, 1920 * precision, 1080 * precision);
const app = Launch(
  App,
  {
    stage: {
      w: 1920 * precision,
      h: 1080 * precision,
      precision,
      context: render.context,
      canvas2d: render.choice.kind === "canvas2d",
      clearColor: 0xff0b1a2e,
      defaultFontFace: "NotoJP",
      // The app draws no images (text and rectangles only): the image-decoding worker would only cost a
      // thread start on a 2-core box (~140 ms of the boot task at 6× throttling).
      useImageWorker: false,
    },
    enablePointer: false,
    debug: false,
    keys: buildKeyMap(),
  },
  { path: "./static" },
);
win.__app = app;
win.__renderer = render.choice;
