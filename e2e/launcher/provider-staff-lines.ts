/**
 * @module The lines `npm start` prints for the service providers' staff pages: each provider's page and its demo
 * login. A provider's service is the one named after its ID (`prov-facility` → `facility`), whose declared links
 * include its staff page.
 */
import type { DemoCredentials } from "./demo-credentials.ts";

interface ServiceLinks {
  url: string;
  declaration: { links: { label: string; path: string }[] };
}

export function providerStaffLines(
  credentials: Pick<DemoCredentials, "providers">,
  system: { services: ReadonlyMap<string, ServiceLinks> },
): string[] {
  return credentials.providers.flatMap((provider) => {
    const service = system.services.get(provider.id.replace(/^prov-/, ""));
    const staffLink = service?.declaration.links.find((l) => l.label === "Staff page");
    if (!service || !staffLink) return [];
    return [
      `  ${provider.name.padEnd(16)} ${service.url}${staffLink.path}   ${provider.staff.loginId} / ${provider.staff.password}`,
    ];
  });
}
