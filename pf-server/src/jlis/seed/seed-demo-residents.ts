/**
 * @module Issues a card to every demo resident; run only when the J-LIS database is new.
 */
import { issueCard } from "../domain/issue-card.ts";
import type { JlisContext } from "../domain/jlis-context.ts";
import { DEMO_RESIDENTS, type DemoResident, demoResidentIds } from "./residents.ts";

export async function seedDemoResidents(
  ctx: JlisContext,
  residents: readonly DemoResident[] = DEMO_RESIDENTS,
): Promise<number> {
  for (const resident of residents) {
    await issueCard(
      ctx,
      {
        name: resident.name,
        ...(resident.nameAlternativeFlags ? { nameAlternativeFlags: resident.nameAlternativeFlags } : {}),
        address: resident.address,
        birthDate: resident.birthDate,
        gender: resident.gender,
        town: resident.town,
        authPin: resident.authPin,
        signPassword: resident.signPassword,
      },
      demoResidentIds(resident.key),
    );
  }
  ctx.log.info("demo residents seeded", { count: residents.length });
  return residents.length;
}
