/**
 * @module Bulk linking by CSV: the exports, the upload, and the preview of an import — every row with what will
 * happen to it, the differences of the rows staff must confirm one by one — then its result.
 */
import type { FC } from "hono/jsx";
import { correctableFieldLabels } from "../domain/matching.ts";
import type { CsvImport } from "../domain/ports.ts";
import type { ImportRow } from "../domain/preview-link-import.ts";
import { Layout, type PageContext } from "./layout.tsx";
import { Alert, Csrf, dateTime } from "./parts.tsx";

export const CsvPage: FC<{ ctx: PageContext; error?: string | undefined }> = ({ ctx, error }) => (
  <Layout ctx={ctx} title="CSV一括紐づけ">
    {error && <Alert kind="error">{error}</Alert>}
    <div class="grid2">
      <div class="card">
        <h2>出力</h2>
        <p>
          <strong>受付一覧</strong>:
          申請者の4情報と状態。紐づけ済の行には記号・番号・枝番が入ります。空欄の記号・番号・枝番を国保システム等で埋めて、そのまま取り込めます。
        </p>
        <div class="actions">
          <a class="button" href="/csv/intake.csv" id="export-intake">
            受付一覧（UTF-8）
          </a>
          <a class="button secondary" href="/csv/intake.csv?encoding=shift_jis">
            Shift_JIS
          </a>
        </div>
        <p>
          <strong>紐づけ一覧</strong>: 紐づけ済の共通的PFIDと記号・番号・枝番。
        </p>
        <div class="actions">
          <a class="button" href="/csv/links.csv" id="export-links">
            紐づけ一覧（UTF-8）
          </a>
          <a class="button secondary" href="/csv/links.csv?encoding=shift_jis">
            Shift_JIS
          </a>
        </div>
      </div>
      <div class="card">
        <h2>取込</h2>
        <form method="post" action="/csv/imports" enctype="multipart/form-data" id="import-form">
          <Csrf token={ctx.csrfToken} />
          <div class="field">
            <label for="csv-file">CSVファイル（UTF-8・Shift_JIS、5,000行まで）</label>
            <input id="csv-file" type="file" name="file" accept=".csv,text/csv" required />
          </div>
          <button type="submit">内容を確認する</button>
        </form>
        <p class="muted small">
          必要な列:
          共通的PFID、番号、枝番（記号・保険者番号は任意）。氏名・生年月日の列があれば、申請者と一致するかを確かめます。日付は
          1980/5/6、1980-05-06、昭和55年5月6日
          などの形で読めます。取込の前に確認画面を表示し、実行するまで紐づけは変わりません。
        </p>
      </div>
    </div>
  </Layout>
);

const statusTag = (row: ImportRow) =>
  row.outcome === "linked" ? (
    <span class="tag ok">紐づけました</span>
  ) : row.outcome === "skipped" ? (
    <span class="tag bad">対象外</span>
  ) : row.status === "link" ? (
    <span class="tag ok">紐づけ</span>
  ) : row.status === "confirm" ? (
    <span class="tag warn">要確認</span>
  ) : row.status === "unchanged" ? (
    <span class="tag">登録済</span>
  ) : (
    <span class="tag bad">エラー</span>
  );

export const ImportPreviewPage: FC<{
  ctx: PageContext;
  csvImport: CsvImport<ImportRow>;
  result?: { linked: number; skipped: number } | undefined;
}> = ({ ctx, csvImport, result }) => {
  const rows = csvImport.rows;
  const count = (s: ImportRow["status"]) => rows.filter((r) => r.status === s).length;
  const previewed = csvImport.status === "previewed";
  return (
    <Layout ctx={ctx} title={previewed ? "CSV取込の確認" : "CSV取込の結果"}>
      {result && (
        <Alert kind="ok">
          {result.linked}件を紐づけました。
          {result.skipped > 0 && `${result.skipped}件は対象外でした（下の表を確認してください）。`}
        </Alert>
      )}
      {csvImport.status === "discarded" && <Alert kind="warn">この取込は破棄しました。</Alert>}
      <p id="import-summary">
        {rows.length}行: <span class="tag ok">紐づけ {count("link")}</span>{" "}
        <span class="tag warn">要確認 {count("confirm")}</span>{" "}
        <span class="tag">登録済 {count("unchanged")}</span>{" "}
        <span class="tag bad">エラー {count("error")}</span>
        <span class="muted small">
          {" "}
          （{dateTime(csvImport.createdAt)} {csvImport.uploadedBy}、
          {csvImport.encoding === "shift_jis" ? "Shift_JIS" : "UTF-8"}）
        </span>
      </p>
      <form method="post" action={`/csv/imports/${csvImport.id}/apply`} id="apply-form">
        <Csrf token={ctx.csrfToken} />
        <table id="import-rows">
          <thead>
            <tr>
              <th>行</th>
              <th>判定</th>
              <th>共通的PFID</th>
              <th>記号・番号・枝番</th>
              <th>内容</th>
              {previewed && <th>相違を確認</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                class={row.status === "error" ? "error" : row.status === "confirm" ? "differ" : ""}
                data-line={row.line}
              >
                <td class="num">{row.line}</td>
                <td>{statusTag(row)}</td>
                <td class="mono nowrap">{row.accountId}</td>
                <td class="nowrap">
                  {row.symbol ? `${row.symbol} ` : ""}
                  {row.number}-{row.branchNumber}
                </td>
                <td>
                  {row.messages.join("／")}
                  {row.differences && row.differences.length > 0 && (
                    <>
                      （相違: {row.differences.map((f) => correctableFieldLabels[f]).join("・")}
                      {" — "}
                      <a href={`/intake/${row.accountId}/link/${row.personId}`}>比較を見る</a>）
                    </>
                  )}
                  {row.outcomeMessage && <div class="small">{row.outcomeMessage}</div>}
                </td>
                {previewed && (
                  <td>
                    {row.status === "confirm" && (
                      <label class="check">
                        <input type="checkbox" name="confirm" value={String(row.line)} />
                        同一人物と確認
                      </label>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {previewed && (
          <div class="actions">
            <button type="submit" id="apply-import">
              紐づけを実行する（{count("link")}件＋確認した要確認行）
            </button>
          </div>
        )}
      </form>
      {previewed && (
        <form method="post" action={`/csv/imports/${csvImport.id}/discard`}>
          <Csrf token={ctx.csrfToken} />
          <button type="submit" class="secondary">
            この取込を破棄する
          </button>
        </form>
      )}
      <p>
        <a href="/csv">CSV一括紐づけに戻る</a>
      </p>
    </Layout>
  );
};
