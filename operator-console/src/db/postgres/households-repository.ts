/**
 * @module PostgreSQL storage of household contracts (契約者ID(世帯)) and their members, always scoped by operator:
 * the SQLite repository's queries in PostgreSQL's SQL (ILIKE where SQLite's LIKE ignores ASCII case, string_agg
 * for group_concat, quoted column aliases).
 */
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { cableIdSearchKey, normaliseAddress, normaliseName } from "../../domain/normalise-address.ts";
import type {
  Household,
  HouseholdSummary,
  Member,
  MemberInput,
  MemberSearchRow,
} from "../../domain/records.ts";
import type { HouseholdsRepository } from "../../domain/repositories.ts";
import { allRows, type PgDb } from "./database.ts";
import { households, members } from "./schema.ts";

function memberRows(
  operatorId: string,
  householdId: number,
  contractId: string,
  list: MemberInput[],
  start: number,
) {
  return list.map((m, i) => ({
    operatorId,
    householdId,
    memberId: m.memberId ?? `${contractId}-${String(start + i + 1).padStart(2, "0")}`,
    name: m.name,
    nameKey: normaliseName(m.name),
    birthDate: m.birthDate,
    gender: m.gender,
  }));
}

const memberColumns = {
  id: members.id,
  memberId: members.memberId,
  name: members.name,
  birthDate: members.birthDate,
  gender: members.gender,
};

const toHousehold = (row: typeof households.$inferSelect, memberList: Member[]): Household => ({
  id: row.id,
  contractId: row.contractId,
  address: row.address,
  plan: row.plan,
  monthlyFeeYen: row.monthlyFeeYen,
  status: row.status,
  serviceStartDate: row.serviceStartDate,
  closedAt: row.closedAt,
  createdAt: row.createdAt,
  members: memberList,
});

const operatorsHousehold = (operatorId: string, id: number) =>
  and(eq(households.operatorId, operatorId), eq(households.id, id));

export function createPgHouseholdsRepository(db: PgDb): HouseholdsRepository {
  const loadMembers = (householdId: number): Promise<Member[]> =>
    db
      .select(memberColumns)
      .from(members)
      .where(eq(members.householdId, householdId))
      .orderBy(asc(members.memberId));

  const findHousehold = async (operatorId: string, match: SQL): Promise<Household | undefined> => {
    const [row] = await db
      .select()
      .from(households)
      .where(and(eq(households.operatorId, operatorId), match));
    return row && toHousehold(row, await loadMembers(row.id));
  };

  const repository: HouseholdsRepository = {
    async searchMembers(operatorId, { name, birthDate, address }, limit) {
      const conditions = [sql`m.operator_id = ${operatorId}`];
      if (name?.trim()) conditions.push(sql`m.name_key ILIKE ${`%${normaliseName(name)}%`}`);
      if (birthDate?.trim()) conditions.push(sql`m.birth_date = ${birthDate.trim()}`);
      if (address?.trim()) conditions.push(sql`h.address_key ILIKE ${`%${normaliseAddress(address)}%`}`);
      if (conditions.length === 1) return [];
      return allRows<MemberSearchRow>(
        db,
        sql`
        SELECT m.id, m.member_id AS "memberId", m.name, m.birth_date AS "birthDate", m.gender,
          h.id AS "householdId", h.contract_id AS "contractId", h.address, h.address_key AS "addressKey", h.status
        FROM members m JOIN households h ON h.id = m.household_id
        WHERE ${sql.join(conditions, sql` AND `)} ORDER BY h.contract_id, m.member_id LIMIT ${limit}`,
      );
    },
    async correctMember(operatorId, memberRowId, fields) {
      await db
        .update(members)
        .set({ ...fields, nameKey: normaliseName(fields.name) })
        .where(and(eq(members.operatorId, operatorId), eq(members.id, memberRowId)));
    },
    async search(operatorId, { q, status, limit, offset }) {
      const conditions = [sql`h.operator_id = ${operatorId}`];
      if (status === "active" || status === "closed") conditions.push(sql`h.status = ${status}`);
      if (q?.trim()) {
        const raw = `%${q.trim()}%`;
        const addr = `%${normaliseAddress(q)}%`;
        const name = `%${normaliseName(q)}%`;
        const cable = cableIdSearchKey(q);
        const byCableId = cable
          ? sql` OR EXISTS (SELECT 1 FROM cable_ids c WHERE c.operator_id = h.operator_id AND c.household_id = h.id
              AND replace(c.cable_id, '-', '') ILIKE ${`%${cable}%`})`
          : sql``;
        conditions.push(
          sql`(h.contract_id ILIKE ${raw} OR h.address_key ILIKE ${addr} OR EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.name_key ILIKE ${name})${byCableId})`,
        );
      }
      const where = sql.join(conditions, sql` AND `);
      const rows = await allRows<HouseholdSummary>(
        db,
        sql`
        SELECT h.id, h.contract_id AS "contractId", h.address, h.plan, h.monthly_fee_yen AS "monthlyFeeYen", h.status,
          COALESCE((SELECT string_agg(m.name, '、' ORDER BY m.id) FROM members m WHERE m.household_id = h.id), '')
            AS "memberNames",
          (SELECT count(*)::int FROM cable_ids c WHERE c.operator_id = h.operator_id AND c.household_id = h.id
             AND c.status = 'linked') AS "linkedCount"
        FROM households h WHERE ${where} ORDER BY h.contract_id LIMIT ${limit} OFFSET ${offset}`,
      );
      const [total] = await allRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM households h WHERE ${where}`,
      );
      return { rows, total: total?.n ?? 0 };
    },
    get(operatorId, id) {
      return findHousehold(operatorId, eq(households.id, id));
    },
    getByContractId(operatorId, contractId) {
      return findHousehold(operatorId, eq(households.contractId, contractId));
    },
    async memberByMemberId(operatorId, memberId) {
      const [row] = await db
        .select({ ...memberColumns, householdId: members.householdId })
        .from(members)
        .where(and(eq(members.operatorId, operatorId), eq(members.memberId, memberId)));
      return row;
    },
    async create(operatorId, input) {
      const [row] = await db
        .insert(households)
        .values({
          operatorId,
          contractId: input.contractId,
          address: input.address,
          addressKey: normaliseAddress(input.address),
          plan: input.plan,
          monthlyFeeYen: input.monthlyFeeYen,
          serviceStartDate: input.serviceStartDate,
        })
        .returning({ id: households.id });
      if (!row) throw new Error("the household was not stored");
      if (input.members.length > 0) {
        await db.insert(members).values(memberRows(operatorId, row.id, input.contractId, input.members, 0));
      }
      return row.id;
    },
    async update(operatorId, id, input) {
      const current = await repository.get(operatorId, id);
      if (!current) return;
      await db
        .update(households)
        .set({
          address: input.address,
          addressKey: normaliseAddress(input.address),
          plan: input.plan,
          monthlyFeeYen: input.monthlyFeeYen,
          serviceStartDate: input.serviceStartDate,
        })
        .where(operatorsHousehold(operatorId, id));
      const existingIds = new Set(current.members.map((m) => m.memberId));
      for (const m of input.members.filter((x) => x.memberId && existingIds.has(x.memberId))) {
        await db
          .update(members)
          .set({ name: m.name, nameKey: normaliseName(m.name), birthDate: m.birthDate, gender: m.gender })
          .where(and(eq(members.operatorId, operatorId), eq(members.memberId, m.memberId ?? "")));
      }
      const added = input.members.filter((x) => !x.memberId || !existingIds.has(x.memberId));
      if (added.length > 0) {
        const highest = Math.max(0, ...current.members.map((m) => Number(m.memberId.split("-").pop()) || 0));
        await db.insert(members).values(
          memberRows(
            operatorId,
            id,
            current.contractId,
            added.map((m) => ({ ...m, memberId: undefined })),
            highest,
          ),
        );
      }
    },
    async close(operatorId, id, at) {
      await db
        .update(households)
        .set({ status: "closed", closedAt: at })
        .where(operatorsHousehold(operatorId, id));
    },
    matchCandidates(operatorId, birthDate) {
      return db
        .select({
          name: members.name,
          householdId: members.householdId,
          memberRowId: members.id,
          memberId: members.memberId,
          addressKey: households.addressKey,
        })
        .from(members)
        .innerJoin(households, eq(households.id, members.householdId))
        .where(
          and(
            eq(members.operatorId, operatorId),
            eq(members.birthDate, birthDate),
            eq(households.status, "active"),
          ),
        )
        .orderBy(asc(members.id));
    },
    async exportAll(operatorId) {
      const rows = await db
        .select()
        .from(households)
        .where(eq(households.operatorId, operatorId))
        .orderBy(asc(households.contractId));
      const all = await db
        .select({ ...memberColumns, householdId: members.householdId })
        .from(members)
        .where(eq(members.operatorId, operatorId))
        .orderBy(asc(members.memberId));
      const byHousehold = new Map<number, Member[]>();
      for (const { householdId, ...member } of all) {
        const list = byHousehold.get(householdId) ?? [];
        list.push(member);
        byHousehold.set(householdId, list);
      }
      return rows.map((row) => toHousehold(row, byHousehold.get(row.id) ?? []));
    },
    async count(operatorId) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(households)
        .where(eq(households.operatorId, operatorId));
      return row?.n ?? 0;
    },
  };
  return repository;
}
