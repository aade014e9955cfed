/**
 * The named fields an opinion-letter template may use (`{{operateur.nom}}`), with what each holds.
 * The template (resources/letters/lettre-avis.txt) is checked against this list before any letter
 * is produced: an unknown field is refused, naming it and its line.
 */
export const LETTER_FIELDS = {
  date: 'Date de la lettre (jj/mm/aaaa)',
  commission: 'Nom complet de la commission',
  administration: 'Administration qui assure le secrétariat',
  'seance.numero': 'Numéro de la séance',
  'seance.date': 'Date de la séance (jj/mm/aaaa)',
  'seance.lieu': 'Lieu de la séance',
  'operateur.nom': 'Dénomination de l’opérateur',
  'operateur.bce': 'Numéro d’entreprise (0123.456.789)',
  'operateur.forme': 'Forme juridique',
  'operateur.adresse': 'Rue et numéro',
  'operateur.code_postal': 'Code postal',
  'operateur.commune': 'Commune',
  'dossier.reference': 'Référence du dossier',
  'dossier.regime': 'Régime (IES, EI, IDESS, AC) en toutes lettres',
  'dossier.nature': 'Nature de la demande (agrément, renouvellement…)',
  'dossier.objet': 'Objet du dossier',
  'dossier.date_reception': 'Date de réception du dossier (jj/mm/aaaa)',
  'avis.libelle': 'Avis de la commission en vigueur (après rectification éventuelle), en minuscules : « favorable sous conditions »',
  'avis.conditions': 'Conditions de l’avis (vide s’il n’y en a pas)',
  'avis.motivation': 'Motivation de l’avis (vide si aucune)',
  'avis.vote': 'Vote : « par consensus » ou « par 6 voix pour, 1 contre et 0 abstention »',
  'avis.date': 'Date de l’avis (jj/mm/aaaa)',
  'avis.rectification': 'Rectifications de l’avis, avec leur date et leur motif (vide s’il n’y en a pas)',
  'president.nom': 'Nom du ou de la président·e en fonction à la date de la séance',
  'secretariat.nom': 'Nom de l’agent du secrétariat en fonction à la date de la séance',
} as const;

export type LetterField = keyof typeof LETTER_FIELDS;
export type LetterValues = Record<LetterField, string>;

export const isLetterField = (name: string): name is LetterField => Object.prototype.hasOwnProperty.call(LETTER_FIELDS, name);
