import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-review';
import { migration0003 } from './0003-compliance';
import { migration0004 } from './0004-deadlines';
import { migration0005 } from './0005-sessions';
import { migration0006 } from './0006-closing';
import { migration0007 } from './0007-opinion-proposal';
import type { Migration } from './types';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007];

export const LATEST_VERSION = MIGRATIONS.length;

export type { Migration };
