/**
 * @module Screenshots as evidence: every step of a journey ends with a picture of the screens it touched,
 * attached to the test's report (and, for the journey the README shows, also written as small PNGs into
 * `docs/screenshots/<folder>/`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Page, type TestInfo, test } from "playwright/test";
import { repoRoot } from "../launcher/services.ts";

export interface EvidenceOptions {
  /**
   * Also keep the pictures, half size, in `docs/screenshots/<folder>/NN-<name>.png` for the README — when the run
   * is asked to (`E2E_DOCS_SCREENSHOTS=1`), so that an ordinary run leaves the committed pictures alone.
   */
  docsFolder?: string;
  /**
   * How the docs copy is scaled (default 0.5: a 1920-wide TV page becomes 960 wide). A reception terminal's
   * 1280×800 screen is kept at full size, so its type size can be judged from the picture.
   */
  docsScale?: number;
}

export class Evidence {
  readonly #testInfo: TestInfo;
  readonly #docsDir: string | undefined;
  readonly #docsScale: number;
  #count = 0;

  constructor(testInfo: TestInfo, options: EvidenceOptions = {}) {
    this.#testInfo = testInfo;
    const refreshDocs = process.env.E2E_DOCS_SCREENSHOTS === "1";
    this.#docsDir =
      options.docsFolder && refreshDocs
        ? join(repoRoot, "docs", "screenshots", options.docsFolder)
        : undefined;
    if (this.#docsDir) mkdirSync(this.#docsDir, { recursive: true });
    this.#docsScale = options.docsScale ?? 0.5;
  }

  /** Attaches a picture of the page under `NN-<name>`. */
  async shot(name: string, page: Page): Promise<void> {
    this.#count += 1;
    const label = `${String(this.#count).padStart(2, "0")}-${name}`;
    // A file in the test's output folder (test-results/e2e-artifacts/<test>/), attached to the report by path.
    const path = this.#testInfo.outputPath(`${label}.png`);
    await page.screenshot({ path });
    await this.#testInfo.attach(label, { path, contentType: "image/png" });
    if (this.#docsDir)
      writeFileSync(join(this.#docsDir, `${label}.png`), await scaledPng(page, this.#docsScale));
  }

  /**
   * One step of the journey: runs it as a Playwright step, then pictures every page it names (`shots`:
   * picture name → page).
   */
  async step(title: string, body: () => Promise<void>, shots: Record<string, Page> = {}): Promise<void> {
    await test.step(title, async () => {
      await body();
      for (const [name, page] of Object.entries(shots)) await this.shot(name, page);
    });
  }
}

/** A PNG of the page scaled by `scale` (Chromium scales the capture itself), small enough to commit. */
async function scaledPng(page: Page, scale: number): Promise<Buffer> {
  const viewport = page.viewportSize() ?? { width: 1920, height: 1080 };
  const session = await page.context().newCDPSession(page);
  try {
    const { data } = (await session.send("Page.captureScreenshot", {
      format: "png",
      clip: { x: 0, y: 0, width: viewport.width, height: viewport.height, scale },
    })) as { data: string };
    return Buffer.from(data, "base64");
  } finally {
    await session.detach();
  }
}
