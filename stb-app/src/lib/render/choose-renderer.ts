/**
 * @module Which Lightning renderer to boot. WebGL only pays off where a GPU draws it: with a software GL
 * (SwiftShader, llvmpipe) every frame of a 1920×1080 WebGL canvas is rasterised on the CPU and read back for
 * compositing, which on a 2-core box made start-up ~2 s slower and focus moves stutter (p95 ~200 ms against
 * ~50 ms with Canvas2D, README "Performance"). Lightning has no fallback of its own (lightning.md §0).
 */
export type RendererKind = "webgl" | "canvas2d";

/** Renderer strings of GL implementations that run on the CPU (WEBGL_debug_renderer_info). */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software rasterizer|basic render driver/i;

export interface RendererChoice {
  kind: RendererKind;
  why: "forced" | "no-webgl" | "software-gl" | "gpu";
}

/**
 * `?c2d` / `?webgl` force a renderer (field diagnosis, benchmarks); otherwise WebGL unless the box has none
 * (`glRenderer` null) or its GL is a software one. An unknown renderer string (the debug extension is
 * withheld) counts as a GPU: that is what real STB browsers report.
 */
export function chooseRenderer(
  params: URLSearchParams,
  glRenderer: string | null | undefined,
): RendererChoice {
  if (params.has("c2d")) return { kind: "canvas2d", why: "forced" };
  if (params.has("webgl")) return { kind: "webgl", why: "forced" };
  if (glRenderer === null) return { kind: "canvas2d", why: "no-webgl" };
  if (glRenderer && SOFTWARE_GL.test(glRenderer)) return { kind: "canvas2d", why: "software-gl" };
  return { kind: "webgl", why: "gpu" };
}
