import { settingsHref } from '../app/route';
import { teamStatusWords, useTeamStatus } from './useTeamStatus';

/** The team sync's state in the top bar, for a workspace connected to a team server. */
export function TeamStatusBadge() {
  const { status } = useTeamStatus();
  if (!status || status.state === 'local') return null;
  const words = teamStatusWords(status);
  return (
    <span role="status" className={`team-status team-status-${status.state}`}>
      <a href={`${settingsHref}`} title={status.message ?? `${status.server} as ${status.role}`}>
        Team: {words}
      </a>
      {status.state === 'error' && status.message && <span className="visually-hidden"> {status.message}</span>}
    </span>
  );
}
