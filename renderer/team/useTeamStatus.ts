import { useCallback, useEffect, useRef, useState } from 'react';
import type { TeamStatus } from '../../schema/team';
import { call, useHostEvents } from '../api';

/**
 * The team connection's state, kept up to date by the host's team.status events. `refresh` asks the
 * host again (after connecting, say); an event that arrives meanwhile wins, being the newer.
 */
export function useTeamStatus(): { status: TeamStatus | null; refresh(): void } {
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const events = useRef(0);
  const refresh = useCallback(() => {
    const before = events.current;
    call('team.status', {}).then(
      (s) => events.current === before && setStatus(s),
      () => {},
    );
  }, []);
  useEffect(refresh, [refresh]);
  useHostEvents((event) => {
    if (event.type !== 'team.status') return;
    events.current++;
    setStatus(event.status);
  });
  return { status, refresh };
}

/** The status in a few words, as the top bar shows it. */
export function teamStatusWords(status: TeamStatus): string {
  if (status.state === 'local') return 'Not connected';
  const waiting = status.waiting > 0 ? `${status.waiting} waiting` : '';
  switch (status.state) {
    case 'synced':
      return 'Synced';
    case 'syncing':
      return waiting ? `Syncing, ${waiting}` : 'Syncing…';
    case 'waiting':
      return waiting;
    case 'offline':
      return waiting ? `Offline, ${waiting}` : 'Offline';
    case 'error':
      return 'Sync error';
  }
}
