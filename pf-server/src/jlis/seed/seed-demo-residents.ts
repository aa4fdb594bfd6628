/**
 * @module Issues a card to every demo resident; run only when the J-LIS database is new.
 */
import { issueCard } from "../domain/issue-card.ts";
import type { JlisContext } from "../domain/jlis-context.ts";
import { DEMO_RESIDENTS, demoResidentIds } from "./residents.ts";

export async function seedDemoResidents(ctx: JlisContext): Promise<number> {
  for (const resident of DEMO_RESIDENTS) {
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
  ctx.log.info("demo residents seeded", { count: DEMO_RESIDENTS.length });
  return DEMO_RESIDENTS.length;
}
