/**
 * @module The one rule every service here follows to choose its database from `DATABASE_URL`: unset (or empty)
 * → the service's own SQLite file, as `npm start` has always used; `file:<path>` or a plain path → SQLite at that
 * path; `postgres://…` or `postgresql://…` → PostgreSQL. Anything else is refused at start rather than guessed.
 */

export type DatabaseChoice = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

/** A DATABASE_URL this rule does not know (a typo such as `postgress://`, or another database's scheme). */
export class UnsupportedDatabaseUrlError extends Error {
  constructor(scheme: string) {
    super(
      `DATABASE_URL has the scheme "${scheme}:"; use postgres://user:password@host:port/database, file:<path> or a path`,
    );
    this.name = "UnsupportedDatabaseUrlError";
  }
}

/**
 * @param databaseUrl the value of `DATABASE_URL` (undefined when unset)
 * @param defaultSqliteFile the service's SQLite file when no URL is given
 * @example chooseDatabase(process.env.DATABASE_URL, join(dataDir, "console.sqlite"))
 */
export function chooseDatabase(databaseUrl: string | undefined, defaultSqliteFile: string): DatabaseChoice {
  const value = databaseUrl?.trim() ?? "";
  if (value === "") return { kind: "sqlite", file: defaultSqliteFile };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: "postgres", url: value };
  if (/^file:/i.test(value)) {
    // file:relative/path, file:/absolute/path and file:///absolute/path all name a path.
    const path = value.replace(/^file:(\/\/(?=\/))?/i, "");
    if (path === "") throw new UnsupportedDatabaseUrlError("file");
    return { kind: "sqlite", file: decodeURIComponent(path) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1];
  if (scheme) throw new UnsupportedDatabaseUrlError(scheme);
  return { kind: "sqlite", file: value };
}

/** The URL with its password hidden, for a log line or an error message. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, "$1:***@");
}
