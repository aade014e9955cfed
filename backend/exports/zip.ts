/**
 * Several exported files (a session's opinion letters) as one ZIP archive, with fflate.
 *
 * - Names are stored in UTF-8 (flagged as such: Windows' Explorer and macOS show « Cœur » right).
 * - Names must be unique in the archive, ignoring case (as on Windows and macOS disks): a name
 *   already taken gets « -2 », « -3 »… before its extension (`lettre.pdf`, `lettre-2.pdf`). No file is
 *   ever dropped or overwritten.
 * - A name that could not be extracted safely (empty, absolute, with `..`, `\`, or a character
 *   Windows forbids) is refused with an Error: names are built by the program, so this is a bug.
 */
import { zipSync, type Zippable } from 'fflate';

/** What Windows refuses in a file name (control characters are checked apart). */
const FORBIDDEN = /[<>:"|?*\\]/;
const hasControl = (name: string) => [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

function checkName(name: string): void {
  const segments = name.split('/');
  if (!name || name.startsWith('/') || FORBIDDEN.test(name) || hasControl(name) || segments.some((s) => s === '' || s === '.' || s === '..' || s !== s.trim())) {
    throw new Error(`Nom de fichier invalide dans l’archive ZIP : « ${name} »`);
  }
}

/** `lettre.pdf`, 2 → `lettre-2.pdf`; `dossier/lettre` → `dossier/lettre-2`. */
function numbered(name: string, n: number): string {
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  if (dot > slash + 1) return `${name.slice(0, dot)}-${n}${name.slice(dot)}`;
  return `${name}-${n}`;
}

/** The names actually used in the archive, in the order given: duplicates numbered. */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    checkName(name);
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) candidate = numbered(name, n);
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * The ZIP archive of `files`, in the order given. `mtime` (default: now) is the files' date in
 * the archive; give it to get the same bytes twice.
 */
export function zipFiles(files: { name: string; bytes: Uint8Array }[], options: { mtime?: Date } = {}): Uint8Array {
  const names = uniqueNames(files.map((f) => f.name));
  const entries: Zippable = {};
  files.forEach((file, i) => {
    entries[names[i] as string] = file.bytes;
  });
  return zipSync(entries, { level: 6, mtime: options.mtime ?? new Date() });
}
