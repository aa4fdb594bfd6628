/** @module Where the administrator console lives on the PF's port (see pf-server/README.md §Administrator console). */
export const ADMIN_BASE = "/admin";
