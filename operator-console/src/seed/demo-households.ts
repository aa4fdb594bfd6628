/**
 * @module The demo operators' household registers. The people the simulated J-LIS issues cards to
 * (pf-server/src/jlis/seed/residents.ts) appear here as the operator's own records would hold them — written in
 * other forms (no prefecture, hyphens, 番地 omitted, a standard character where the certificate has a 外字) so that
 * automatic linking exercises the normalisation. 服部 あおい is deliberately absent: her address is still under the
 * previous tenant's contract, so her registration waits in the linking queue. Around a hundred further
 * households per town are generated deterministically.
 */
import { addDays } from "@catv/contracts/calendar";
import type { Gender, HouseholdInput, MemberInput } from "../domain/records.ts";

/** A register entry before it is numbered: contract IDs and service start dates follow the town's list. */
type Entry = Omit<HouseholdInput, "contractId" | "serviceStartDate">;

/** One household as written in the register; each member is [name, birth date, gender]. */
function household(
  address: string,
  plan: string,
  monthlyFeeYen: number,
  ...people: [name: string, birthDate: string, gender: Gender][]
): Entry {
  return {
    address,
    plan,
    monthlyFeeYen,
    members: people.map(([name, birthDate, gender]) => ({ name, birthDate, gender })),
  };
}

interface Town {
  prefecture: string;
  /** Contract IDs are the prefix and a five-digit number. */
  prefix: string;
  districts: string[];
  /** The J-LIS seed residents' households, first in the register. */
  residents: Entry[];
}

// biome-ignore format: one household a line, as a register lists them
const towns: Record<string, Town> = {
  南砺市: {
    prefecture: "富山県",
    prefix: "NT",
    districts: ["福光", "福野", "井波", "城端", "井口", "平", "上平", "利賀"],
    residents: [
      household("富山県南砺市福光1234", "スタンダード", 4_400, ["山田 太郎", "1958-04-12", "1"], ["山田 和子", "1960-09-02", "2"]),
      // The register has the standard 高; the certificate's 髙 is a substitute character (代替文字).
      household("南砺市井波3110-2", "ネット＋テレビ", 7_480, ["高橋 美咲", "1980-02-17", "2"], ["高橋 陽翔", "2012-06-30", "1"]),
      household("南砺市城端521番地", "ベーシック", 2_750, ["石黒 健一", "1947-11-03", "1"]),
      household("富山県南砺市福野一丁目8-15", "スタンダード", 4_400, ["松本　さくら", "1993-03-28", "2"]),
    ],
  },
  須坂市: {
    prefecture: "長野県",
    prefix: "SZ",
    districts: ["大字須坂", "墨坂", "臥竜", "大字米持", "塩川町", "大字小河原", "旭ケ丘"],
    residents: [
      household("須坂市須坂1528-1", "スタンダード", 4_180, ["小林 一郎", "1965-08-30", "1"], ["小林 恵", "1967-01-21", "2"]),
      household("長野県須坂市墨坂2-5-12", "プレミアム", 6_600, ["宮沢 由美子", "1972-12-24", "2"]),
      household("須坂市臥竜３－１－７", "ベーシック", 2_530, ["北村 翔太", "1995-06-18", "1"]),
      household("須坂市大字米持410", "ベーシック", 2_530, ["丸山 千代", "1926-12-20", "2"]),
    ],
  },
  いなべ市: {
    prefecture: "三重県",
    prefix: "IN",
    districts: ["北勢町阿下喜", "員弁町笠田新田", "大安町大井田", "藤原町市場", "北勢町麻生田"],
    residents: [
      household("いなべ市北勢町阿下喜2005", "スタンダード", 4_070, ["伊藤 健太", "1989-01-07", "1"], ["伊藤 美穂", "1990-05-19", "2"]),
      household("三重県いなべ市員弁町笠田新田1234番地", "ネット＋テレビ", 7_150, ["佐藤 花子", "1985-03-15", "2"]),
      household("三重県いなべ市大安町大井田2705番地", "スタンダード", 4_070, ["水谷 誠", "1952-09-09", "1"]),
      // The previous tenant of 服部 あおい's address: her registration cannot match and waits for staff.
      household("いなべ市藤原町市場123", "ベーシック", 2_420, ["森 正樹", "1949-02-11", "1"]),
    ],
  },
};

const familyNames = [
  "田中",
  "中村",
  "吉田",
  "山本",
  "加藤",
  "林",
  "清水",
  "山口",
  "松井",
  "野村",
  "斎藤",
  "前田",
  "岡田",
  "長谷川",
  "村上",
  "石田",
  "坂本",
  "酒井",
  "西村",
  "藤井",
];
const givenMale = ["大輔", "直樹", "翔", "拓也", "誠一", "浩", "隆", "悠真", "蓮", "健二"];
const givenFemale = ["陽子", "真由美", "彩", "結衣", "恵子", "直美", "美香", "葵", "陽菜", "裕子"];
const plans: [string, number][] = [
  ["ベーシック", 2_750],
  ["スタンダード", 4_400],
  ["プレミアム", 6_600],
  ["ネット＋テレビ", 7_480],
];

/** Park–Miller generator: the same households on every machine, without storing them. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)] as T;
const birth = (r: () => number, from: number, to: number) => {
  const y = from + Math.floor(r() * (to - from));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};

/** A generated member of the family, born in [from, to). */
const familyMember = (
  family: string,
  male: boolean,
  r: () => number,
  from: number,
  to: number,
): MemberInput => ({
  name: `${family} ${pick(male ? givenMale : givenFemale, r)}`,
  birthDate: birth(r, from, to),
  gender: male ? "1" : "2",
});

/** A generated household: a head born 1940–1989 and up to two others born 1950–2014. */
function generatedHousehold(town: string, area: Town, r: () => number): Entry {
  const family = pick(familyNames, r);
  const [plan, fee] = pick(plans, r);
  const members = [familyMember(family, r() < 0.5, r, 1940, 1990)];
  const extra = Math.floor(r() * 3);
  for (let j = 0; j < extra; j++) members.push(familyMember(family, r() < 0.5, r, 1950, 2015));
  const district = pick(area.districts, r);
  const number = 1 + Math.floor(r() * 3000);
  const address =
    r() < 0.5 ? `${area.prefecture}${town}${district}${number}番地` : `${town}${district}${number}`;
  return { address, plan, monthlyFeeYen: fee, members };
}

/**
 * The register's contracts began over the years before the demo (from April 2008, spread by the list's order),
 * so every demo household is in service for any month staff close.
 */
const demoServiceStart = (index: number) => addDays("2008-04-01", (index * 397) % 6_000);

export function demoHouseholds(town: string, count = 100): HouseholdInput[] {
  const area = towns[town];
  if (!area) return [];
  const r = random(town.codePointAt(0) ?? 7);
  const generated = Array.from({ length: count }, () => generatedHousehold(town, area, r));
  return [...area.residents, ...generated].map((entry, i) => ({
    contractId: `${area.prefix}-${String(i + 1).padStart(5, "0")}`,
    serviceStartDate: demoServiceStart(i),
    ...entry,
  }));
}
