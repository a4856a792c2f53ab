/** The person's merges of sources (migration 0011): every figure counts an alias as its target. */
import type { MergeSources } from '../../schema/analytics';
import { badInput } from '../../schema/errors';
import type { Workspace } from '../store/workspace';

/** Merges sources into `into`; what was merged into one of them follows it. A merge again replaces the earlier one. */
export function mergeSources(ws: Workspace, { keys, into }: MergeSources): void {
  ws.transaction(() => {
    const target = (ws.statement('SELECT into_key FROM source_merges WHERE alias = ?').pluck().get(into) as string | undefined) ?? into;
    const aliases = keys.filter((key) => key !== target);
    if (aliases.length === 0) {
      throw badInput(
        target === into ? `“${into}” cannot be merged into itself.` : `“${into}” is merged into “${target}” already: unmerge it first to count it on its own.`,
      );
    }
    const now = new Date().toISOString();
    for (const alias of aliases) {
      ws.statement('UPDATE source_merges SET into_key = ? WHERE into_key = ?').run(target, alias);
      ws.statement('INSERT INTO source_merges (alias, into_key, created_at) VALUES (?, ?, ?) ON CONFLICT (alias) DO UPDATE SET into_key = excluded.into_key, created_at = excluded.created_at').run(alias, target, now);
    }
  });
}

/** Counts a merged source on its own again. */
export function unmergeSource(ws: Workspace, alias: string): void {
  ws.statement('DELETE FROM source_merges WHERE alias = ?').run(alias);
}
