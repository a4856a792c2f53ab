import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../api';
import { teamStatusWords, useTeamStatus } from './useTeamStatus';

/**
 * Settings > Team: connects the workspace to a team server (PostgreSQL) as the analyst's own role,
 * shows how the sync is doing, and disconnects. The password goes to the host, which keeps it in
 * the OS keychain, never in the workspace.
 */
export function TeamSetting() {
  const { status, refresh } = useTeamStatus();
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };
  const connect = (event: FormEvent, to: string) => {
    event.preventDefault();
    void act(async () => {
      await call('team.connect', { address: to, password });
      setPassword('');
      refresh();
    });
  };

  const connected = status && status.state !== 'local' ? status : null;
  return (
    <section className="team-setting" aria-labelledby="team-setting-title">
      <h2 id="team-setting-title">Team</h2>
      {connected ? (
        <>
          <p>
            Syncing with <code>{connected.server}</code> as <strong>{connected.role}</strong>:{' '}
            <span className={`team-status-${connected.state}`}>{teamStatusWords(connected)}</span>.
          </p>
          {connected.message && <p className={connected.state === 'error' ? 'notice-error' : 'hint'}>{connected.message}</p>}
          {connected.state === 'error' && (
            <form className="team-form" onSubmit={(event) => connect(event, connected.server)}>
              <label>
                Password of {connected.role}
                <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
              </label>
              <button type="submit" disabled={busy}>
                Connect again
              </button>
            </form>
          )}
          <div className="toolbar">
            <button type="button" disabled={busy} onClick={() => void act(async () => void (await call('team.sync', {})))}>
              Sync now
            </button>
            <button type="button" disabled={busy} onClick={() => void act(async () => void (await call('team.disconnect', {}), refresh()))}>
              Disconnect
            </button>
          </div>
        </>
      ) : (
        <form className="team-form" onSubmit={(event) => connect(event, address)}>
          <p className="hint">
            Share articles, labels and layers with your team through its PostgreSQL server. Your tags go up as you make them;
            your colleagues’ come down. Without the server, everything works here as before and catches up later.
          </p>
          <label>
            Server address
            <input
              type="text"
              placeholder="postgres://your-role@server:5432/newsroom"
              spellCheck={false}
              value={address}
              onChange={(e) => setAddress(e.target.value)}
            />
          </label>
          <label>
            Password
            <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" disabled={busy || address.trim() === ''}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="notice-error">
          {error}
        </p>
      )}
    </section>
  );
}
