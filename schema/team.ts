import { z } from 'zod';

/** The team connection as the top bar shows it (electron/team/sync.ts teamStatus). */
export const TeamStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('local') }),
  z.object({
    state: z.enum(['synced', 'waiting', 'offline', 'error', 'syncing']),
    server: z.string(),
    role: z.string(),
    /** Annotations and links not on the server yet. */
    waiting: z.int().nonnegative(),
    syncedAt: z.string().nullable(),
    /** Why it is offline or failed, in a sentence. */
    message: z.string().nullable(),
  }),
]);
export type TeamStatus = z.infer<typeof TeamStatus>;

/** Settings > Team: where to connect, and the role's password (kept in the OS keychain, never in the workspace). */
export const TeamConnect = z
  .object({
    address: z.string().trim().min(1, 'the server’s address is empty').max(2000),
    password: z.string().max(1000),
  })
  .strict();
export type TeamConnect = z.infer<typeof TeamConnect>;
