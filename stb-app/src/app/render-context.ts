/**
 * @module Creates the canvas and drawing context Lightning boots with, so the renderer can be chosen from what
 * the box's WebGL really is (`lib/render/choose-renderer.ts`). On a GPU the probe context is handed to
 * Lightning as is: WebGL is set up once, not twice.
 */
import { chooseRenderer, type RendererChoice } from "../lib/render/choose-renderer.ts";

/** Lightning's own context attributes (core `WebPlatform.createWebGLContext`), so the probe is reusable. */
const GL_ATTRIBUTES: WebGLContextAttributes = {
  alpha: true,
  antialias: false,
  premultipliedAlpha: true,
  stencil: true,
  preserveDrawingBuffer: false,
};

export interface RenderContext {
  context: WebGLRenderingContext | CanvasRenderingContext2D;
  choice: RendererChoice;
}

function canvas(w: number, h: number): HTMLCanvasElement {
  const element = document.createElement("canvas");
  element.width = w;
  element.height = h;
  return element;
}

function rendererName(gl: WebGLRenderingContext): string | undefined {
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof name === "string" ? name : undefined;
}

export function createRenderContext(params: URLSearchParams, w: number, h: number): RenderContext {
  // A forced Canvas2D skips the probe: creating a WebGL context is the expensive part.
  const gl = params.has("c2d") ? null : canvas(w, h).getContext("webgl", GL_ATTRIBUTES);
  const choice = chooseRenderer(params, gl ? rendererName(gl) : params.has("c2d") ? undefined : null);
  if (choice.kind === "webgl" && gl) return { context: gl, choice };
  // Release the software GL now rather than at the next garbage collection.
  gl?.getExtension("WEBGL_lose_context")?.loseContext();
  const c2d = canvas(w, h).getContext("2d");
  if (!c2d) throw new Error("this browser has neither WebGL nor a 2D canvas");
  return {
    context: c2d,
    choice: choice.kind === "canvas2d" ? choice : { kind: "canvas2d", why: "no-webgl" },
  };
}
