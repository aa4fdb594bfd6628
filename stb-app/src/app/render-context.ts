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
  // A forced Canvas2D skips the probe: creating a WebGL context is the expensive part. The probe's canvas
  // is 1×1 and only grows to the screen's size when WebGL is kept: on a software GL a 1920×1080 drawing
  // buffer (colour + stencil) cost ~0.1 s at 6× throttling for a context that is thrown away.
  const gl = params.has("c2d") ? null : canvas(1, 1).getContext("webgl", GL_ATTRIBUTES);
  const choice = chooseRenderer(params, gl ? rendererName(gl) : params.has("c2d") ? undefined : null);
  if (choice.kind === "webgl" && gl) {
    // Lightning reads the stage size from the canvas it is given; the context survives the resize.
    const element = gl.canvas as HTMLCanvasElement;
    element.width = w;
    element.height = h;
    return { context: gl, choice };
  }
  // Release the software GL now rather than at the next garbage collection.
  gl?.getExtension("WEBGL_lose_context")?.loseContext();
  const c2d = canvas(w, h).getContext("2d");
  if (!c2d) throw new Error("this browser has neither WebGL nor a 2D canvas");
  return {
    context: c2d,
    choice: choice.kind === "canvas2d" ? choice : { kind: "canvas2d", why: "no-webgl" },
  };
}
