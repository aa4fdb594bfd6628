// Types for complete-install.mjs (plain JS: it runs as npm's postinstall).
export function installingNodeMajor(userAgent?: string): number | undefined;
