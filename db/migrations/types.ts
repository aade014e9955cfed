export interface Migration {
  /** 1, 2, 3…: becomes `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  /** SQL run in one transaction with the version bump. */
  up: string;
}
