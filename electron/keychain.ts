/**
 * Team passwords sealed by the OS keychain through Electron's safeStorage (Keychain on macOS,
 * DPAPI on Windows, the Secret Service or KWallet on Linux). Where the OS offers none, a password
 * is kept in memory only and asked again after a restart, rather than stored readable.
 */
import { safeStorage } from 'electron';
import { memoryCredentials, type Credentials } from './team/credentials';

export function keychainCredentials(): Credentials {
  const fallback = memoryCredentials('memory only until Byline quits (this system offers no keychain)');
  if (!safeStorage.isEncryptionAvailable()) return fallback;
  return {
    where: 'the system keychain',
    seal: (_server, password) => safeStorage.encryptString(password),
    open: (server, secret) => (secret ? safeStorage.decryptString(secret) : fallback.open(server, null)),
  };
}
