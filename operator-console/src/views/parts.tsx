/**
 * @module Small pieces several pages share: tables with their empty-state row, select options, labelled fields,
 * stat cards, links to a household, the labels of statuses and link methods, and the unlink form.
 */
import type { Child, FC, JSX } from "hono/jsx";
import { Csrf } from "./layout.tsx";

export const householdStatusLabels = { active: "契約中", closed: "解約済み" } as const;
export const cableIdStatusLabels = { linked: "紐づけ済み", pending: "紐づけ待ち", revoked: "失効" } as const;

export const methodLabel = (m: string | null) =>
  m === "auto" ? "自動紐づけ" : m === "manual" ? "手動紐づけ" : m === "assisted" ? "代理登録" : "—";

/** A column heading; `{ num }` right-aligns a column of amounts or counts. */
export type Heading = string | { num: string };

/**
 * A table with one heading row and a row per item. `empty`, when given, spans every column if there are no
 * items; `children` are rows after the items (totals).
 */
export function Table<T>({
  head,
  rows,
  row,
  empty,
  children,
}: {
  head: Heading[];
  rows: readonly T[];
  row: (item: T) => Child;
  empty?: string;
  children?: Child;
}) {
  return (
    <table>
      <thead>
        <tr>{head.map((h) => (typeof h === "string" ? <th>{h}</th> : <th class="num">{h.num}</th>))}</tr>
      </thead>
      <tbody>
        {rows.map((item) => row(item))}
        {rows.length === 0 && empty && (
          <tr>
            <td colspan={head.length} class="muted">
              {empty}
            </td>
          </tr>
        )}
        {children}
      </tbody>
    </table>
  );
}

type Choices = readonly (readonly [string, string])[];

/** An `<option>` for each [value, label]; the one equal to `selected` is chosen. */
export const Options: FC<{ choices: Choices; selected?: string }> = ({ choices, selected }) => (
  <>
    {choices.map(([value, label]) => (
      <option value={value} selected={value === selected}>
        {label}
      </option>
    ))}
  </>
);

/** A select of a search bar: label, then the choices; its id and name are `name`. */
export const SearchSelect: FC<{ label: string; name: string; choices: Choices; selected: string }> = ({
  label,
  name,
  choices,
  selected,
}) => (
  <div>
    <label for={name}>{label}</label>
    <select id={name} name={name}>
      <Options choices={choices} selected={selected} />
    </select>
  </div>
);

type InputProps = JSX.IntrinsicElements["input"] & { label: string; name: string; children?: Child };

const LabelledInput = ({ label, name, children, ...input }: InputProps) => (
  <>
    <label for={name}>{label}</label>
    <input id={name} name={name} {...input} />
    {children}
  </>
);

/** A form field: label, then the input (its id and name are `name`), then `children` (a hint, a datalist). */
export const Field: FC<InputProps> = (props) => (
  <div class="field">
    <LabelledInput {...props} />
  </div>
);

/** A field of a search bar (label and input side by side). */
export const SearchField: FC<InputProps> = (props) => (
  <div>
    <LabelledInput {...props} />
  </div>
);

export const StatCard: FC<{ label: string; children?: Child }> = ({ label, children }) => (
  <div class="card">
    <div class="muted">{label}</div>
    <div class="stat">{children}</div>
  </div>
);

/** The contract ID linking to its household page, or `otherwise` for a row with no household. */
export const HouseholdLink: FC<{ id: number | null; contractId: string | null; otherwise?: Child }> = ({
  id,
  contractId,
  otherwise = "—",
}) =>
  id ? (
    <a class="contract" href={`/households/${id}`}>
      {contractId}
    </a>
  ) : (
    otherwise
  );

/** Unlinks a cable ID with a reason (audited), then returns to `back`. */
export const UnlinkForm: FC<{
  cableId: string;
  back: string;
  csrf: string;
  size: number;
  button: string;
}> = ({ cableId, back, csrf, size, button }) => (
  <form method="post" action={`/cable-ids/${cableId}/unlink`}>
    <Csrf token={csrf} />
    <input type="hidden" name="back" value={back} />
    <input type="text" name="reason" placeholder="解除理由" required size={size} />
    <button class="secondary" type="submit">
      {button}
    </button>
  </form>
);
