/**
 * @module Reads the administrator logins of an installation from the demo credentials file the launcher writes
 * (`pfAdminStaff`, docs/demo-credentials.md); a file from before the console existed has none.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const adminLoginsSchema = z.object({
  pfAdminStaff: z
    .array(
      z.object({
        loginId: z.string().min(3).max(64),
        password: z.string().min(12),
        role: z.enum(["admin", "staff"]),
        displayName: z.string().min(1),
      }),
    )
    .default([]),
});

export function readAdminLogins(credentialsPath: string) {
  return adminLoginsSchema.parse(JSON.parse(readFileSync(credentialsPath, "utf8"))).pfAdminStaff;
}
