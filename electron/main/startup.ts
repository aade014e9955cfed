/**
 * Start-up decisions that need no Electron: which workspace folder to open, and opening it
 * without ever modifying a file the app refuses. Kept here so that they are unit-tested.
 */
import { resolve } from 'node:path';
import { defaultWorkspaceDir } from '../../backend/paths';
import { Workspace, WorkspaceError } from '../../backend/workspace';

export const WORKSPACE_FLAG = '--workspace';

export class StartupError extends Error {
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

/**
 * The folder given as `--workspace DIR` (or `--workspace=DIR`) on the command line, resolved
 * against `cwd`; undefined when the flag is absent. A flag without a folder is an error rather
 * than a silent fallback to another workspace.
 */
export function workspaceDirFromArgv(argv: readonly string[], cwd: string = process.cwd()): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === WORKSPACE_FLAG) {
      value = argv[i + 1];
      i += 1;
    } else if (arg.startsWith(`${WORKSPACE_FLAG}=`)) {
      value = arg.slice(WORKSPACE_FLAG.length + 1);
    } else {
      continue;
    }
    if (value === undefined || value.trim() === '' || value.startsWith('--')) {
      throw new StartupError(
        'Option --workspace incomplète',
        'L’option --workspace doit être suivie du dossier de l’espace de travail, par exemple : --workspace "D:\\Dossiers COMES".',
      );
    }
    found = resolve(cwd, value);
  }
  return found;
}

/** `--workspace DIR` when given, else the default per-user workspace (or COMES_WORKSPACE). */
export function resolveWorkspaceDir(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string {
  return workspaceDirFromArgv(argv, cwd) ?? defaultWorkspaceDir(env);
}

/**
 * Opens the workspace. A foreign, corrupt or newer database is refused with a French
 * StartupError; the file has not been modified (Workspace.open guarantees it).
 */
export function openWorkspace(dir: string): Workspace {
  try {
    return new Workspace(dir).open();
  } catch (error) {
    if (error instanceof WorkspaceError) {
      throw new StartupError(
        'Espace de travail impossible à ouvrir',
        `${error.message}\n\nDossiers COMES va se fermer. Pour ouvrir un autre espace de travail, lancez l’application avec l’option --workspace suivie de son dossier.`,
      );
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new StartupError(
      'Espace de travail impossible à ouvrir',
      `L’espace de travail ${dir} n’a pas pu être ouvert : ${detail}\n\nDossiers COMES va se fermer.`,
    );
  }
}
