/** Small formatting helpers shared by the dossier page's sections. */

/** True when an ISO date is strictly before today (ISO strings compare as dates). */
export const isBefore = (isoDate: string, today: string): boolean => isoDate < today;
