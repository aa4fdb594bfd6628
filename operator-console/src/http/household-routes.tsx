/**
 * @module Household pages: search, detail, create, edit, close, CSV import and export.
 */
import { jstDate } from "@catv/contracts/calendar";
import { type Context, Hono } from "hono";
import { exportHouseholdsCsv, importHouseholdsCsv } from "../domain/households-csv.ts";
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

householdRoutes.get("/households/import", (c) =>
  render(c, "世帯のCSV取込", <ImportPage csrf={c.get("csrfToken")} ok={flash(c)} />),
);

householdRoutes.post("/households/import", async (c) => {
  const body = await c.req.parseBody();
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) {
    return render(
      c,
      "世帯のCSV取込",
      <ImportPage csrf={c.get("csrfToken")} message="CSVファイルを選んでください。" />,
      400,
    );
  }
  const encoding = body.encoding === "utf-8" || body.encoding === "shift_jis" ? body.encoding : "auto";
  try {
    const result = await importHouseholdsCsv(
      c.get("deps"),
      c.get("actor"),
      new Uint8Array(await file.arrayBuffer()),
      encoding,
    );
    if (result.errors.length > 0) {
      return render(c, "世帯のCSV取込", <ImportPage csrf={c.get("csrfToken")} errors={result.errors} />, 400);
    }
    const ok = `${result.imported}世帯（${result.members}名）を取り込みました。`;
    return c.redirect(`/households?ok=${encodeURIComponent(ok)}`, 303);
  } catch (error) {
    if (!(error instanceof ConsoleError) || error.status >= 500) throw error;
    return render(c, "世帯のCSV取込", <ImportPage csrf={c.get("csrfToken")} message={error.message} />, 400);
  }
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
