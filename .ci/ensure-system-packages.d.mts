// Types for ensure-system-packages.mjs (plain JS so that it runs on any Node before Node 24 is installed).
export type Purpose = "test" | "start";

export interface SystemPackage {
  /** The Debian package name. */
  name: string;
  neededFor: Purpose[];
  why: string;
  isPresent: () => boolean;
}

export const systemPackages: SystemPackage[];
export function missingSystemPackages(purpose: Purpose, packages?: SystemPackage[]): SystemPackage[];
export function installCommand(names: string[]): string;
export function ensureSystemPackages(
  purpose: Purpose,
  options?: {
    log?: (line: string) => void;
    canInstall?: boolean;
    packages?: SystemPackage[];
    aptGet?: (args: string[]) => number | string;
  },
): boolean;
