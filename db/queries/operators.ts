import type { Db } from '../open';

export interface OperatorRow {
  id: number;
  name: string;
  bce: string;
  legalForm: string;
  socialEnterprise: number;
  street: string;
  postcode: string;
  commune: string;
  province: string;
  sector: string;
}

export function getOperator(db: Db, id: number): OperatorRow | undefined {
  return db
    .prepare(
      `SELECT id, name, bce, legal_form AS legalForm, social_enterprise AS socialEnterprise, street, postcode, commune,
              province, sector
       FROM operators WHERE id = ?`,
    )
    .get(id) as OperatorRow | undefined;
}

export interface AgrementWithPeriod {
  id: number;
  scheme: string;
  number: string;
  status: string;
  startOn: string | null;
  endOn: string | null;
  term: string | null;
}

/** The agrément with its latest period (the one in force or the last one). */
export function getAgrementWithCurrentPeriod(db: Db, id: number): AgrementWithPeriod | undefined {
  return db
    .prepare(
      `SELECT a.id, a.scheme, a.number, a.status, p.start_on AS startOn, p.end_on AS endOn, p.term
       FROM agrements a
       LEFT JOIN agrement_periods p ON p.id = (
         SELECT id FROM agrement_periods WHERE agrement_id = a.id ORDER BY start_on DESC LIMIT 1)
       WHERE a.id = ?`,
    )
    .get(id) as AgrementWithPeriod | undefined;
}
