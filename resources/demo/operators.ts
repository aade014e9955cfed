/**
 * What the demo's operators are made of: the sectors of the field with the name patterns of their
 * enterprises (invented names, in the style of Walloon social-economy enterprises), the IDESS
 * activities, and street names found in every Walloon commune.
 *
 * Patterns: `{commune}` → Charleroi, `{de_commune}` → de Charleroi / d’Ath / du Rœulx,
 * `{region}` → Condroz, `{de_region}` → du Condroz / de la Hesbaye / de l’Ardenne (see REGION_SHORT, REGION_DE).
 */

export const SECTOR_CODES = [
  'titres_services',
  'ressourcerie',
  'construction',
  'horeca',
  'espaces_verts',
  'blanchisserie',
  'epicerie',
  'nettoyage',
  'transport',
  'conseil',
] as const;
export type SectorCode = (typeof SECTOR_CODES)[number];

export const IDESS_ACTIVITIES = [
  'home_repairs',
  'green_spaces',
  'social_transport',
  'social_laundry',
  'social_shop',
  'cleaning_small_asbl',
] as const;
export type IdessActivity = (typeof IDESS_ACTIVITIES)[number];

export interface Sector {
  /** Stored in `operators.sector` and shown as is. */
  label: string;
  /** What the enterprise does, completing « active dans … ». */
  activity: string;
  patterns: readonly string[];
}

export const SECTORS: Record<SectorCode, Sector> = {
  titres_services: {
    label: 'Titres-services',
    activity: 'l’aide ménagère à domicile dans le cadre des titres-services (nettoyage, repassage, courses)',
    patterns: [
      'Titres-Services {region}',
      'Aide & Ménage {de_region}',
      'Coup de Main {de_commune}',
      'Proxi-Ménage {region}',
      'Maison & Services {de_region}',
      'Repassage et Services {de_commune}',
      'Le Fil Ménager {de_commune}',
      'Domaide {region}',
    ],
  },
  ressourcerie: {
    label: 'Ressourcerie et recyclage',
    activity: 'la collecte, le tri, la réparation et la revente d’objets de seconde main et le recyclage des encombrants',
    patterns: [
      'Ressourcerie {de_region}',
      'La Ressourcerie {de_commune}',
      'Recyclerie {de_region}',
      'Les Ateliers du Réemploi {de_commune}',
      'Le Grenier solidaire {de_commune}',
      'Deuxième Main {region}',
      'La Trocante {de_commune}',
      'Récup’Action {region}',
    ],
  },
  construction: {
    label: 'Construction et rénovation',
    activity: 'la rénovation de logements, l’isolation et les travaux de parachèvement',
    patterns: [
      'Bâtir Ensemble {region}',
      'Rénov’{region}',
      'Les Compagnons de la Rénovation {de_region}',
      'Éco-Rénovation {region}',
      'Toits et Façades {de_commune}',
      'Chantiers solidaires {de_region}',
      'Habitat & Insertion {region}',
      'Les Bâtisseurs {de_commune}',
    ],
  },
  horeca: {
    label: 'Horeca',
    activity: 'la restauration collective, le service traiteur et l’exploitation d’une cafétéria',
    patterns: [
      'La Cuisine solidaire {de_commune}',
      'Le Bistrot social {de_commune}',
      'Traiteur solidaire {de_region}',
      'L’Assiette {de_region}',
      'Saveurs et Insertion {region}',
      'Le Comptoir {de_commune}',
      'La Guinguette {de_commune}',
      'Les Fourneaux {de_region}',
    ],
  },
  espaces_verts: {
    label: 'Espaces verts',
    activity: 'l’aménagement et l’entretien de parcs, jardins et espaces verts',
    patterns: [
      'Les Jardins {de_commune}',
      'Espaces verts {de_region}',
      'Nature et Emploi {region}',
      'Les Haies {de_region}',
      'La Main verte {de_commune}',
      'Jardins solidaires {de_region}',
      'Vert Horizon {region}',
    ],
  },
  blanchisserie: {
    label: 'Blanchisserie sociale',
    activity: 'le lavage, le séchage et le repassage du linge des ménages à faibles revenus',
    patterns: [
      'Lavoir social {de_commune}',
      'La Buanderie solidaire {de_commune}',
      'Blanchisserie sociale {de_region}',
      'Le Linge propre {de_commune}',
    ],
  },
  epicerie: {
    label: 'Épicerie sociale',
    activity: 'la vente de produits alimentaires et de première nécessité à prix réduits aux personnes précarisées',
    patterns: [
      'Épicerie sociale {de_commune}',
      'Le Panier solidaire {de_commune}',
      'Magasin social {de_region}',
      'L’Épi solidaire {de_commune}',
    ],
  },
  nettoyage: {
    label: 'Nettoyage',
    activity: 'le nettoyage de bureaux, de locaux associatifs et de bâtiments publics',
    patterns: [
      'Propreté et Insertion {de_region}',
      'Nettoyage solidaire {de_commune}',
      'Clair & Net {region}',
      'Net Services {de_region}',
      'Les Brigades de propreté {de_commune}',
    ],
  },
  transport: {
    label: 'Transport social',
    activity: 'le transport de personnes à mobilité réduite ou sans moyen de déplacement (taxi social)',
    patterns: [
      'Taxi social {de_commune}',
      'Mobilité solidaire {de_region}',
      'La Navette {de_commune}',
      'Transport social {de_region}',
      'Mobil’Aide {region}',
    ],
  },
  conseil: {
    label: 'Conseil en économie sociale',
    activity: 'l’accompagnement à la création et au développement d’entreprises d’économie sociale',
    patterns: [
      'Entreprendre autrement {region}',
      '{region} Coopère',
      'Initiatives solidaires {de_region}',
      'Créa’Sol {region}',
      'Agence Coopérative {de_region}',
    ],
  },
};

/** IDESS activities: the sector they belong to and their wording in the decree's spirit. */
export const IDESS_ACTIVITY_INFO: Record<IdessActivity, { sector: SectorCode; label: string }> = {
  home_repairs: { sector: 'construction', label: 'petits travaux d’entretien, de réparation et d’aménagement de l’habitat' },
  green_spaces: { sector: 'espaces_verts', label: 'petits travaux de jardinage' },
  social_transport: { sector: 'transport', label: 'taxi social' },
  social_laundry: { sector: 'blanchisserie', label: 'buanderie sociale' },
  social_shop: { sector: 'epicerie', label: 'magasin social' },
  cleaning_small_asbl: { sector: 'nettoyage', label: 'nettoyage de locaux de petites ASBL' },
};

/** `de` forms of the sub-regions used in `communes.ts`. */
export const REGION_DE: Record<string, string> = {
  'Brabant wallon': 'du Brabant wallon',
  'Hesbaye brabançonne': 'de la Hesbaye brabançonne',
  'Roman Païs': 'du Roman Païs',
  'Pays de Charleroi': 'du Pays de Charleroi',
  Thudinie: 'de la Thudinie',
  'Val de Sambre': 'du Val de Sambre',
  'Entre-Sambre-et-Meuse': 'de l’Entre-Sambre-et-Meuse',
  'Botte du Hainaut': 'de la Botte du Hainaut',
  'Mons-Borinage': 'de Mons-Borinage',
  Centre: 'du Centre',
  Borinage: 'du Borinage',
  'Haut-Pays': 'du Haut-Pays',
  'Wallonie picarde': 'de Wallonie picarde',
  'Pays des Collines': 'du Pays des Collines',
  'Pays vert': 'du Pays vert',
  'Pays de Liège': 'du Pays de Liège',
  'Basse-Meuse': 'de la Basse-Meuse',
  'Condroz liégeois': 'du Condroz liégeois',
  'Ourthe-Amblève': 'd’Ourthe-Amblève',
  Hesbaye: 'de la Hesbaye',
  'Pays de Huy': 'du Pays de Huy',
  'Pays de Herve': 'du Pays de Herve',
  'Pays de Verviers': 'du Pays de Verviers',
  Vesdre: 'de la Vesdre',
  'Hautes Fagnes': 'des Hautes Fagnes',
  'Ardenne liégeoise': 'de l’Ardenne liégeoise',
  Ardenne: 'de l’Ardenne',
  'Haute-Sûre': 'de la Haute-Sûre',
  'Pays d’Arlon': 'du Pays d’Arlon',
  Gaume: 'de Gaume',
  Semois: 'de la Semois',
  Famenne: 'de Famenne',
  'Pays de Namur': 'du Pays de Namur',
  'Hesbaye namuroise': 'de la Hesbaye namuroise',
  'Basse-Sambre': 'de la Basse-Sambre',
  'Haute-Meuse': 'de la Haute-Meuse',
  Condroz: 'du Condroz',
  'Ardenne namuroise': 'de l’Ardenne namuroise',
  Fagne: 'de la Fagne',
};

/** Shorter forms of some sub-regions where a name uses them bare (« Titres-Services Condroz »). */
export const REGION_SHORT: Record<string, string> = {
  'Pays de Charleroi': 'Charleroi',
  'Pays de Liège': 'Liège',
  'Pays de Huy': 'Huy',
  'Pays de Verviers': 'Verviers',
  'Pays de Namur': 'Namur',
  'Pays d’Arlon': 'Arlon',
  'Hesbaye brabançonne': 'Hesbaye',
  'Hesbaye namuroise': 'Hesbaye',
  'Condroz liégeois': 'Condroz',
  'Ardenne liégeoise': 'Ardenne',
  'Ardenne namuroise': 'Ardenne',
};

/** Street names found in most Walloon communes. */
export const STREETS: readonly string[] = [
  'Rue de la Station', 'Rue du Moulin', 'Chaussée de Bruxelles', 'Rue de l’Église', 'Avenue de la Libération',
  'Rue des Combattants', 'Rue Albert Ier', 'Place communale', 'Rue de la Gare', 'Rue du Centre', 'Rue Haute',
  'Rue Basse', 'Rue de Namur', 'Rue des Écoles', 'Rue du Calvaire', 'Rue Saint-Martin', 'Rue des Fusillés',
  'Rue de la Croix-Rouge', 'Rue Émile Vandervelde', 'Rue Jules Destrée', 'Rue Joseph Wauters', 'Rue du Travail',
  'Rue de la Paix', 'Rue de l’Industrie', 'Rue des Artisans', 'Rue du Parc', 'Avenue Reine Astrid', 'Rue Léopold',
  'Rue du Pont', 'Rue de la Fontaine', 'Rue des Carrières', 'Rue du Charbonnage', 'Rue de la Sucrerie',
  'Rue du Tilleul', 'Rue des Prés', 'Rue de la Chapelle', 'Rue du Château', 'Rue Pierre Paulus',
  'Boulevard Roi Baudouin', 'Rue de la Justice', 'Rue des Mineurs', 'Rue de la Verrerie', 'Rue du Bois',
  'Rue Arthur Warocqué', 'Rue des Forges', 'Rue de la Brasserie', 'Avenue des Sports', 'Rue du Marché',
  'Zoning artisanal, rue de l’Avenir', 'Parc d’activités économiques, rue des Métiers',
];
