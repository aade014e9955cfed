import type { Db } from '../open';

export interface WorkspaceCounts {
  operators: number;
  dossiers: number;
  sessions: number;
  members: number;
  documents: number;
}

export function countRows(db: Db): WorkspaceCounts {
  return db
    .prepare(
      `SELECT (SELECT count(*) FROM operators) AS operators, (SELECT count(*) FROM dossiers) AS dossiers,
              (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM members) AS members,
              (SELECT count(*) FROM documents) AS documents`,
    )
    .get() as WorkspaceCounts;
}
