/**
 * People and bodies of the demo. Every person is invented (first names and surnames common in
 * Wallonia); the organisations the commission's members come from are the real kinds of bodies
 * that sit on it: social-economy federations, the three unions, the employers' organisations,
 * the secretariat and the administration. E-mail addresses use the reserved `.example` domain.
 */

export interface FirstName {
  name: string;
  gender: 'f' | 'm';
}

export const FIRST_NAMES: readonly FirstName[] = [
  ...[
    'Françoise', 'Anne', 'Isabelle', 'Catherine', 'Véronique', 'Nathalie', 'Sophie', 'Valérie', 'Christine',
    'Martine', 'Sylvie', 'Caroline', 'Céline', 'Julie', 'Aurélie', 'Émilie', 'Laurence', 'Marie', 'Bénédicte',
    'Hélène', 'Géraldine', 'Pascale', 'Murielle', 'Stéphanie', 'Delphine', 'Virginie', 'Élodie', 'Amandine',
    'Justine', 'Manon', 'Camille', 'Charlotte', 'Fatima', 'Nadia', 'Samira', 'Ana', 'Giulia', 'Joëlle', 'Dominique',
  ].map((name) => ({ name, gender: 'f' as const })),
  ...[
    'Philippe', 'Jean-Marc', 'Michel', 'Pierre', 'Luc', 'Marc', 'Thierry', 'Didier', 'Olivier', 'Vincent',
    'Frédéric', 'Benoît', 'Christophe', 'Jean-Pierre', 'Pascal', 'Bernard', 'Alain', 'Laurent', 'Stéphane',
    'Xavier', 'Damien', 'Julien', 'Nicolas', 'Sébastien', 'Grégory', 'Jérôme', 'François', 'Quentin', 'Maxime',
    'Thomas', 'Antoine', 'Mehdi', 'Karim', 'Youssef', 'Marco', 'Salvatore', 'Jean-Luc', 'Guy', 'Raphaël',
  ].map((name) => ({ name, gender: 'm' as const })),
];

export const LAST_NAMES: readonly string[] = [
  'Dubois', 'Lambert', 'Martin', 'Dupont', 'Simon', 'Laurent', 'Leclercq', 'Lejeune', 'Renard', 'Collard',
  'Lemaire', 'Henrard', 'Jacquet', 'Delvaux', 'Gilson', 'Hubert', 'Lecomte', 'Piron', 'Thiry', 'Fontaine',
  'Mathieu', 'Denis', 'Marchal', 'Gérard', 'François', 'Legrand', 'Wauters', 'Noël', 'Dumont', 'Massart',
  'Poncelet', 'Remacle', 'Close', 'Lhoest', 'Defays', 'Jadot', 'Pirard', 'Lambotte', 'Bastin', 'Dethier',
  'Grégoire', 'Hanquet', 'Jamar', 'Servais', 'Wathelet', 'Mathy', 'Daubresse', 'Delhaye', 'Deprez', 'Dehon',
  'Collignon', 'Boulanger', 'Tilmant', 'Duchesne', 'Georges', 'Piérard', 'Herman', 'Materne', 'Thonon', 'Detry',
  'Gaspard', 'Maréchal', 'Quoilin', 'Bodart', 'Lardinois', 'Lecocq', 'Hardy', 'Gobert', 'Toussaint', 'Lefèbvre',
  'Counet', 'Moreau', 'Paquet', 'Ghislain', 'Fiévez', 'Hennuy', 'Demoulin', 'Delcourt', 'Wilmet', 'Bertrand',
  'Rousseau', 'Lallemand', 'Dewez', 'Pierret', 'Bayot', 'Vandenberghe', 'Rossi', 'Esposito', 'El Amrani', 'Benali',
];

export type OrganisationKind = 'federation' | 'union' | 'employers' | 'administration' | 'cabinet' | 'other';
export type MemberRole = 'president' | 'member' | 'substitute' | 'secretariat' | 'observer';

export interface Seat {
  organisation: string;
  kind: OrganisationKind;
  role: MemberRole;
  voting: boolean;
  /** Mail domain of the organisation (reserved `.example` domain). */
  domain: string;
}

/** The twelve seats of the demo commission, in the order of its list of members. */
export const SEATS: readonly Seat[] = [
  { organisation: 'Présidence de la COMES', kind: 'other', role: 'president', voting: true, domain: 'comes.example' },
  { organisation: 'ConcertES', kind: 'federation', role: 'member', voting: true, domain: 'concertes.example' },
  { organisation: 'SAW-B', kind: 'federation', role: 'member', voting: true, domain: 'saw-b.example' },
  { organisation: 'Atout EI', kind: 'federation', role: 'member', voting: true, domain: 'atout-ei.example' },
  { organisation: 'Ressources ASBL', kind: 'federation', role: 'substitute', voting: false, domain: 'res-sources.example' },
  { organisation: 'FGTB wallonne', kind: 'union', role: 'member', voting: true, domain: 'fgtb-wallonne.example' },
  { organisation: 'CSC wallonne', kind: 'union', role: 'member', voting: true, domain: 'csc.example' },
  { organisation: 'CGSLB', kind: 'union', role: 'member', voting: true, domain: 'cgslb.example' },
  { organisation: 'Union wallonne des entreprises (UWE)', kind: 'employers', role: 'member', voting: true, domain: 'uwe.example' },
  { organisation: 'UCM', kind: 'employers', role: 'member', voting: true, domain: 'ucm.example' },
  { organisation: 'CESE Wallonie — secrétariat de la COMES', kind: 'administration', role: 'secretariat', voting: false, domain: 'cesewallonie.example' },
  { organisation: 'SPW Économie, Emploi, Recherche — Direction de l’Économie sociale', kind: 'administration', role: 'observer', voting: false, domain: 'spw.example' },
];

/** Extra seats used when the demo is scaled up (substitutes of the federations, unions and employers). */
export const SUBSTITUTE_SEATS: readonly Seat[] = [
  { organisation: 'Febecoop Wallonie', kind: 'federation', role: 'substitute', voting: false, domain: 'febecoop.example' },
  { organisation: 'FGTB wallonne', kind: 'union', role: 'substitute', voting: false, domain: 'fgtb-wallonne.example' },
  { organisation: 'CSC wallonne', kind: 'union', role: 'substitute', voting: false, domain: 'csc.example' },
  { organisation: 'UCM', kind: 'employers', role: 'substitute', voting: false, domain: 'ucm.example' },
  { organisation: 'Cabinet du Ministre wallon de l’Économie', kind: 'cabinet', role: 'observer', voting: false, domain: 'gov.example' },
  { organisation: 'SAW-B', kind: 'federation', role: 'substitute', voting: false, domain: 'saw-b.example' },
  { organisation: 'Union wallonne des entreprises (UWE)', kind: 'employers', role: 'substitute', voting: false, domain: 'uwe.example' },
  { organisation: 'CGSLB', kind: 'union', role: 'substitute', voting: false, domain: 'cgslb.example' },
];

/** Where the administration and the commission write from. */
export const SPW_ECONOMIE_SOCIALE = [
  'Service public de Wallonie',
  'Économie, Emploi, Recherche',
  'Direction de l’Économie sociale',
  'Place de la Wallonie 1, bât. II',
  '5100 Jambes',
] as const;

export const SPW_INSPECTION = [
  'Service public de Wallonie',
  'Économie, Emploi, Recherche',
  'Département de l’Inspection',
  'Place de la Wallonie 1, bât. II',
  '5100 Jambes',
] as const;

export const SESSION_PLACES: readonly string[] = [
  'CESE Wallonie, rue du Vertbois 13c, 4000 Liège — salle du Conseil',
  'SPW Économie, Emploi, Recherche, place de la Wallonie 1, 5100 Jambes — salle 0.12',
  'Visioconférence',
];

/** Functions of the people who sign for an operator, as [masculine, feminine]. */
export const SIGNATORY_TITLES: Record<'SC' | 'ASBL' | 'CPAS' | 'other', readonly (readonly [string, string])[]> = {
  SC: [
    ['administrateur délégué', 'administratrice déléguée'],
    ['gérant', 'gérante'],
    ['directeur', 'directrice'],
  ],
  ASBL: [
    ['président du conseil d’administration', 'présidente du conseil d’administration'],
    ['directeur', 'directrice'],
    ['coordinateur', 'coordinatrice'],
  ],
  CPAS: [
    ['président du CPAS', 'présidente du CPAS'],
    ['directeur général', 'directrice générale'],
  ],
  other: [['gérant', 'gérante']],
};
