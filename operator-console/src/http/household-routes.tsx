/**
 * @module Household pages: search, detail, create, edit, close, CSV import and export.
 */
import { jstDate } from "@catv/contracts/calendar";
import { type Context, Hono } from "hono";
import { type CsvEncoding, exportHouseholdsCsv } from "../domain/households-csv.ts";
import {
  type ImportPlan,
  importHouseholdsCsv,
  previewHouseholdsImport,
} from "../domain/import-households-csv.ts";
import { listHouseholds } from "../domain/list-households.ts";
import { closeHousehold, createHousehold, updateHousehold } from "../domain/manage-households.ts";
import { findHousehold, showHousehold } from "../domain/show-household.ts";
import { ConsoleError } from "../errors.ts";
import {
  type FormValues,
  HouseholdDetail,
  HouseholdForm,
  HouseholdList,
  ImportPage,
  ImportPreview,
} from "../views/household-views.tsx";
import type { ConsoleEnv } from "./env.ts";
import { flash, intParam, render } from "./render.tsx";

export const householdRoutes = new Hono<ConsoleEnv>();
const pageSize = 50;

type Body = Record<string, string | File | (string | File)[]>;
const list = (body: Body, key: string): string[] => {
  const v = body[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === "string" ? x : ""));
};
const one = (body: Body, key: string) => (typeof body[key] === "string" ? (body[key] as string) : "");

/** Reads the household form; blank member rows are ignored. */
function formValues(body: Body): FormValues {
  const ids = list(body, "memberId");
  const names = list(body, "memberName");
  const births = list(body, "memberBirthDate");
  const genders = list(body, "memberGender");
  return {
    contractId: one(body, "contractId"),
    address: one(body, "address"),
    plan: one(body, "plan"),
    monthlyFeeYen: one(body, "monthlyFeeYen"),
    serviceStartDate: one(body, "serviceStartDate"),
    members: names
      .map((name, i) => ({
        memberId: ids[i] || undefined,
        name,
        birthDate: births[i] ?? "",
        gender: genders[i] ?? "",
      }))
      .filter((m) => m.name.trim() || m.birthDate || m.memberId),
  };
}

/** The household form: a new household when `id` is undefined, else household `id`; 400 when showing an error. */
function formPage(
  c: Context<ConsoleEnv>,
  title: string,
  id: number | undefined,
  values: FormValues,
  error?: string,
) {
  return render(
    c,
    title,
    <HouseholdForm
      action={id === undefined ? "/households" : `/households/${id}`}
      csrf={c.get("csrfToken")}
      editing={id !== undefined}
      values={values}
      error={error}
    />,
    error === undefined ? 200 : 400,
  );
}

householdRoutes.get("/households", async (c) => {
  const q = c.req.query("q") ?? "";
  const status = c.req.query("status") ?? "";
  const offset = Math.max(0, Number(c.req.query("offset")) || 0);
  const { rows, total } = await listHouseholds(c.get("deps"), c.get("actor").operatorId, {
    q,
    status,
    limit: pageSize,
    offset,
  });
  return render(
    c,
    "世帯（契約）",
    <HouseholdList
      rows={rows}
      total={total}
      q={q}
      status={status}
      offset={offset}
      limit={pageSize}
      ok={flash(c)}
    />,
  );
});

householdRoutes.get("/households/new", (c) =>
  formPage(c, "世帯の新規登録", undefined, {
    contractId: "",
    address: "",
    plan: "スタンダード",
    monthlyFeeYen: "4400",
    serviceStartDate: jstDate(c.get("deps").now()),
    members: [],
  }),
);

householdRoutes.post("/households", async (c) => {
  const values = formValues(await c.req.parseBody({ all: true }));
  try {
    const id = await createHousehold(c.get("deps"), c.get("actor"), values);
    return c.redirect(`/households/${id}?ok=${encodeURIComponent("世帯を登録しました。")}`, 303);
  } catch (error) {
    if (!(error instanceof ConsoleError) || error.status >= 500) throw error;
    return formPage(c, "世帯の新規登録", undefined, values, error.message);
  }
});

const importTitle = "世帯のCSV取込";
const csvEncoding = (value: unknown): CsvEncoding =>
  value === "utf-8" || value === "shift_jis" ? value : "auto";

householdRoutes.get("/households/import", (c) =>
  render(c, importTitle, <ImportPage csrf={c.get("csrfToken")} ok={flash(c)} />),
);

/** The preview of an import, carrying the file itself (base64) to the confirmation: nothing is kept meanwhile. */
function previewPage(
  c: Context<ConsoleEnv>,
  plan: ImportPlan,
  bytes: Uint8Array,
  encoding: CsvEncoding,
  warning?: string,
) {
  if (plan.errors.length > 0) {
    return render(c, importTitle, <ImportPage csrf={c.get("csrfToken")} errors={plan.errors} />, 400);
  }
  return render(
    c,
    `${importTitle} — 内容の確認`,
    <ImportPreview
      plan={plan}
      payload={Buffer.from(bytes).toString("base64")}
      encoding={encoding}
      csrf={c.get("csrfToken")}
      warning={warning}
    />,
    warning ? 409 : 200,
  );
}

householdRoutes.post("/households/import", async (c) => {
  const body = await c.req.parseBody();
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) {
    return render(
      c,
      importTitle,
      <ImportPage csrf={c.get("csrfToken")} message="CSVファイルを選んでください。" />,
      400,
    );
  }
  const encoding = csvEncoding(body.encoding);
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return previewPage(
      c,
      await previewHouseholdsImport(c.get("deps"), c.get("actor"), bytes, encoding),
      bytes,
      encoding,
    );
  } catch (error) {
    if (!(error instanceof ConsoleError) || error.status >= 500) throw error;
    return render(c, importTitle, <ImportPage csrf={c.get("csrfToken")} message={error.message} />, 400);
  }
});

householdRoutes.post("/households/import/apply", async (c) => {
  const body = await c.req.parseBody();
  const text = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : "");
  const encoding = csvEncoding(body.encoding);
  const bytes = new Uint8Array(Buffer.from(text("payload"), "base64"));
  if (bytes.length === 0) throw new ConsoleError("validation_failed", "取り込むファイルがありません。");
  const outcome = await importHouseholdsCsv(c.get("deps"), c.get("actor"), bytes, encoding, text("digest"));
  if (outcome.status === "not_as_previewed") {
    return previewPage(
      c,
      outcome.plan,
      bytes,
      encoding,
      "確認のあとで登録内容が変わったため、取り込んでいません。最新の内容で確認し直してください。",
    );
  }
  const ok = `CSVを取り込みました：新規${outcome.created}世帯・更新${outcome.updated}世帯（世帯員 追加${outcome.membersAdded}名・変更${outcome.membersChanged}名）。`;
  return c.redirect(`/households?ok=${encodeURIComponent(ok)}`, 303);
});

householdRoutes.get("/households/export.csv", async (c) => {
  const encoding = c.req.query("encoding") === "shift_jis" ? "shift_jis" : "utf-8";
  const bytes = await exportHouseholdsCsv(c.get("deps"), c.get("actor"), encoding);
  return c.body(new Uint8Array(bytes), 200, {
    "content-type": `text/csv; charset=${encoding === "shift_jis" ? "Shift_JIS" : "UTF-8"}`,
    "content-disposition": `attachment; filename="households-${encoding}.csv"`,
  });
});

householdRoutes.get("/households/:id{[0-9]+}", async (c) => {
  const { household, cableIds, statements } = await showHousehold(
    c.get("deps"),
    c.get("actor").operatorId,
    intParam(c.req.param("id")),
  );
  return render(
    c,
    `世帯 ${household.contractId}`,
    <HouseholdDetail
      household={household}
      cableIds={cableIds}
      statements={statements}
      csrf={c.get("csrfToken")}
      ok={flash(c)}
    />,
  );
});

householdRoutes.get("/households/:id{[0-9]+}/edit", async (c) => {
  const household = await findHousehold(
    c.get("deps"),
    c.get("actor").operatorId,
    intParam(c.req.param("id")),
  );
  return formPage(c, `世帯 ${household.contractId} の編集`, household.id, {
    ...household,
    monthlyFeeYen: String(household.monthlyFeeYen),
  });
});

householdRoutes.post("/households/:id{[0-9]+}", async (c) => {
  const id = intParam(c.req.param("id"));
  const values = formValues(await c.req.parseBody({ all: true }));
  try {
    await updateHousehold(c.get("deps"), c.get("actor"), id, values);
    return c.redirect(`/households/${id}?ok=${encodeURIComponent("変更を保存しました。")}`, 303);
  } catch (error) {
    if (!(error instanceof ConsoleError) || error.status >= 500 || error.code === "not_found") throw error;
    return formPage(c, "世帯の編集", id, values, error.message);
  }
});

householdRoutes.post("/households/:id{[0-9]+}/close", async (c) => {
  const id = intParam(c.req.param("id"));
  await closeHousehold(c.get("deps"), c.get("actor"), id);
  return c.redirect(`/households/${id}?ok=${encodeURIComponent("解約しました。")}`, 303);
});
