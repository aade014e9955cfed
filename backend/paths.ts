import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The default workspace: the platform's per-user data folder, unless COMES_WORKSPACE says otherwise.
 * The desktop app and the browser shell use the same one.
 */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.COMES_WORKSPACE) return env.COMES_WORKSPACE;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Dossiers COMES', 'workspace');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Dossiers COMES', 'workspace');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'dossiers-comes', 'workspace');
}
