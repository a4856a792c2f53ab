/**
 * Where a team password is kept: never in the workspace in plain text. The app seals it with the
 * OS keychain (keychain.ts, Electron's safeStorage) and keeps only the sealed bytes in the
 * workspace; the test host, which has no keychain, keeps it in memory until it stops.
 */
export interface Credentials {
  /** Where passwords are kept, as Settings > Team says it. */
  readonly where: string;
  /** What to keep in the workspace for this password: sealed bytes, or null when it is kept apart. */
  seal(server: string, password: string): Buffer | null;
  /** The password for the server, from the sealed bytes or from where it is kept; null when unknown. */
  open(server: string, secret: Buffer | null): string | null;
}

/** Passwords in this process's memory only: asked again after a restart. */
export function memoryCredentials(where: string): Credentials {
  const kept = new Map<string, string>();
  return {
    where,
    seal(server, password) {
      kept.set(server, password);
      return null;
    },
    open: (server) => kept.get(server) ?? null,
  };
}
