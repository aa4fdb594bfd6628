/**
 * @module Bulk linking by CSV: the two exports (UTF-8 with a BOM, or Shift_JIS), the upload that makes a previewed
 * import, its confirmation with the rows staff ticked, and its discarding.
 */
import { CodedError } from "@catv/service-kit";
import { Hono } from "hono";
import { applyLinkImport, discardLinkImport, showLinkImport } from "../domain/apply-link-import.ts";
import { exportFileName, exportIntakeCsv, exportLinksCsv } from "../domain/export-link-csv.ts";
import { previewLinkImport } from "../domain/preview-link-import.ts";
import { fail } from "../errors.ts";
import { CsvPage, ImportPreviewPage } from "../views/csv-views.tsx";
import type { InsurerEnv } from "./env.ts";
import { pageContext } from "./page-context.ts";
import { fields } from "./session.ts";

/** An upload larger than this is refused before it is read (5,000 rows are well under 1 MiB). */
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

export const csvRoutes = new Hono<InsurerEnv>();

csvRoutes.get("/csv", async (c) => c.html(<CsvPage ctx={await pageContext(c)} />));

for (const kind of ["intake", "links"] as const) {
  csvRoutes.get(`/csv/${kind}.csv`, async (c) => {
    const encoding = c.req.query("encoding") === "shift_jis" ? "shift_jis" : "utf-8";
    const make = kind === "intake" ? exportIntakeCsv : exportLinksCsv;
    const file = await make(c.get("deps"), c.get("actor"), encoding);
    const name = exportFileName(kind, c.get("actor").insurerId, c.get("deps").now());
    return c.body(new Uint8Array(file), 200, {
      "content-type": `text/csv; charset=${encoding === "shift_jis" ? "Shift_JIS" : "UTF-8"}`,
      "content-disposition": `attachment; filename="${name}"`,
    });
  });
}

csvRoutes.post("/csv/imports", async (c) => {
  const body = await c.req.parseBody();
  const file = body.file;
  try {
    if (!(file instanceof File) || file.size === 0)
      throw fail("csv_invalid", "CSVファイルを選んでください。");
    if (file.size > MAX_UPLOAD_BYTES) throw fail("csv_invalid", "ファイルが大きすぎます（2MBまで）。");
    const { importId } = await previewLinkImport(
      c.get("deps"),
      c.get("actor"),
      new Uint8Array(await file.arrayBuffer()),
    );
    return c.redirect(`/csv/imports/${importId}`, 303);
  } catch (error) {
    if (!(error instanceof CodedError) || error.code !== "csv_invalid") throw error;
    return c.html(<CsvPage ctx={await pageContext(c)} error={error.message} />, 400);
  }
});

csvRoutes.get("/csv/imports/:importId", async (c) => {
  const csvImport = await showLinkImport(c.get("deps"), c.get("actor"), c.req.param("importId"));
  return c.html(<ImportPreviewPage ctx={await pageContext(c)} csvImport={csvImport} />);
});

csvRoutes.post("/csv/imports/:importId/apply", async (c) => {
  const body = await c.req.parseBody({ all: true });
  const confirmed = new Set(fields(body, "confirm").map(Number).filter(Number.isInteger));
  const importId = c.req.param("importId");
  const result = await applyLinkImport(c.get("deps"), c.get("actor"), importId, confirmed);
  const csvImport = await showLinkImport(c.get("deps"), c.get("actor"), importId);
  return c.html(<ImportPreviewPage ctx={await pageContext(c)} csvImport={csvImport} result={result} />);
});

csvRoutes.post("/csv/imports/:importId/discard", async (c) => {
  const importId = c.req.param("importId");
  await discardLinkImport(c.get("deps"), c.get("actor"), importId);
  return c.redirect(`/csv/imports/${importId}`, 303);
});
