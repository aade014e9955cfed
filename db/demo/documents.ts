/**
 * The demo's attached documents: real PDF files written from each dossier's data (the operator's
 * request letter, its activity report, the inspection report, the administration's note to the
 * commission, letters), stored once under their SHA-256 in the workspace's documents folder.
 * The number of files is bounded so that a scaled-up demo stays fast; the dossiers on the upcoming
 * agendas are served first, then pending ones, then the most recent past ones.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, yearOf } from '../../shared/calendar';
import type { DocumentKind, Scheme } from '../../shared/domain';
import { PROVINCE_NAMES_FR } from '../../resources/demo/communes';
import { IDESS_ACTIVITY_INFO, SECTORS } from '../../resources/demo/operators';
import { SPW_ECONOMIE_SOCIALE, SPW_INSPECTION } from '../../resources/demo/people';
import { bceFr, dateFr, euro, longDateFr, numberFr } from './format';
import type { ActivityReport, DocumentRef, Dossier, Operator } from './model';
import { renderPdf, type PdfBlock, type PdfSpec } from './pdf';
import { DECISION_FR, OUTCOME_FR, SCHEME_FR, TERM_FR, acProjects, activitiesFr, reportAnalysis, targetFte } from './texts';
import type { World } from './world';

interface DocumentDraft {
  kind: DocumentKind;
  title: string;
  filename: string;
  date: string;
  spec: PdfSpec;
}

const LEGAL_FORM_FR: Record<string, string> = {
  SC: 'société coopérative agréée comme entreprise sociale',
  ASBL: 'association sans but lucratif',
  CPAS: 'centre public d’action sociale',
  SRL: 'société à responsabilité limitée',
  SA: 'société anonyme',
  FONDATION: 'fondation',
};

function letterhead(op: Operator): string[] {
  return [op.name, op.street, `${op.commune.postcode} ${op.commune.name}`, `Numéro d’entreprise ${bceFr(op.bce)}`];
}

function address(op: Operator): string[] {
  return [op.name, `À l’attention de ${op.signatory.name}`, op.street, `${op.commune.postcode} ${op.commune.name}`];
}

function operatorFooter(op: Operator): string {
  return `${op.name} — ${op.legalForm} — BCE ${bceFr(op.bce)} — ${op.commune.postcode} ${op.commune.name}`;
}

const SPW_FOOTER = 'Service public de Wallonie — Économie, Emploi, Recherche — Place de la Wallonie 1, bât. II, 5100 Jambes';

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function requestLetter(d: Dossier): DocumentDraft {
  const op = d.operator;
  const date = addDays(d.receivedOn, -((d.id % 4) + 1));
  const sector = SECTORS[op.sector];
  const form = LEGAL_FORM_FR[op.legalForm] ?? op.legalForm;
  const agrement = d.agrement;
  const activities = agrement?.activities.map((a) => a.activity) ?? [];
  const body: PdfBlock[] = [{ type: 'paragraph', text: 'Madame, Monsieur,' }];
  const annexes: string[] = [];
  switch (d.kind) {
    case 'agrement':
      if (d.scheme === 'EI') {
        body.push({
          type: 'paragraph',
          text: `Par la présente, ${op.name}, ${form} établie à ${op.commune.name} (province de ${PROVINCE_NAMES_FR[op.commune.province]}), sollicite son agrément en qualité d’entreprise d’insertion au sens du décret du 20 octobre 2016.`,
        });
        body.push({
          type: 'paragraph',
          text: `Active dans ${sector.activity}, notre entreprise occupe aujourd’hui ${numberFr(op.size)} équivalents temps plein. Notre projet vise la réinsertion socioprofessionnelle durable de demandeurs d’emploi peu qualifiés, travailleurs défavorisés et gravement défavorisés, par un contrat à durée indéterminée, un accompagnement social individualisé et un plan de formation adapté à chaque poste.`,
        });
        body.push({
          type: 'paragraph',
          text: 'Nous nous engageons à atteindre, au terme de la quatrième année d’agrément, une proportion d’au moins 50 % de travailleurs issus du public cible, à limiter la tension salariale à un rapport de 1 à 4 et à associer les travailleurs aux décisions de l’entreprise.',
        });
        annexes.push('statuts coordonnés et preuve de l’agrément comme entreprise sociale', 'plan financier à trois ans', 'description de la fonction d’accompagnateur social', 'plan de formation', 'copie de l’agrément comme initiative d’économie sociale');
      } else if (d.scheme === 'IDESS') {
        body.push({
          type: 'paragraph',
          text: `${op.name}, ${form}, sollicite l’agrément en qualité d’IDESS pour ${activities.length > 1 ? 'les activités suivantes' : 'l’activité suivante'} : ${activitiesFr(activities)}.`,
        });
        body.push({
          type: 'paragraph',
          text: `Ces services de proximité s’adressent prioritairement aux personnes âgées, isolées ou précarisées de ${op.commune.name} et des communes voisines. Ils permettent l’engagement de travailleurs sous contrat SINE et sous article 60 §7, dans une démarche de réinsertion socioprofessionnelle. Les limites fixées par la réglementation (pelouses de moins de 300 m², haies de 40 mètres de long et 3 mètres de haut au plus) seront rappelées à chaque bénéficiaire.`,
        });
        annexes.push('statuts et composition de l’organe d’administration', 'budget prévisionnel', 'attestation du CPAS sur les besoins locaux', 'tarifs appliqués aux bénéficiaires');
      } else if (d.scheme === 'AC') {
        body.push({
          type: 'paragraph',
          text: `${op.name}, ${form}, sollicite son agrément en qualité d’agence-conseil en économie sociale au sens du décret du 13 décembre 2023.`,
        });
        body.push({
          type: 'paragraph',
          text: `Notre équipe de ${numberFr(op.size)} ETP accompagne la création et le développement d’entreprises d’économie sociale en province de ${PROVINCE_NAMES_FR[op.commune.province]} : étude de faisabilité, plan financier, choix de la forme juridique, gouvernance participative.`,
        });
        annexes.push('statuts', 'curriculum vitae des conseillers', 'programme d’activités et budget pour les deux prochaines années');
      } else {
        body.push({
          type: 'paragraph',
          text: `${op.name}, ${form}, sollicite son agrément comme initiative d’économie sociale. Notre activité porte sur ${sector.activity}.`,
        });
        body.push({
          type: 'paragraph',
          text: 'Notre projet respecte les principes de l’économie sociale : finalité de service à la collectivité ou aux membres plutôt que de profit, autonomie de gestion, processus de décision démocratique et primauté des personnes et du travail sur le capital dans la répartition des revenus.',
        });
        annexes.push('statuts', 'derniers comptes annuels', 'note de présentation du projet');
      }
      break;
    case 'renewal': {
      const period = agrement?.periods.filter((p) => p.startOn <= d.receivedOn).at(-1);
      body.push({
        type: 'paragraph',
        text: `Nous sollicitons le renouvellement de notre agrément ${d.scheme} n° ${agrement?.number ?? ''}${period?.endOn ? `, qui arrive à échéance le ${dateFr(period.endOn)}` : ''}, ${TERM_FR[d.requestedTerm ?? '4y']}.`,
      });
      body.push({
        type: 'paragraph',
        text:
          d.scheme === 'EI' || d.scheme === 'IDESS'
            ? 'Au cours de la période écoulée, nous avons poursuivi notre mission de réinsertion socioprofessionnelle : les travailleurs du public cible ont bénéficié d’un accompagnement social et d’un plan de formation, et plusieurs d’entre eux ont rejoint le marché de l’emploi classique.'
            : 'Au cours de la période écoulée, nous avons consolidé nos activités et maintenu l’emploi, dans le respect des principes de l’économie sociale.',
      });
      annexes.push('rapports d’activités de la période', 'comptes annuels du dernier exercice', 'composition actuelle de l’organe d’administration');
      break;
    }
    case 'extension': {
      const activity = d.extensionActivity;
      body.push({
        type: 'paragraph',
        text: `Nous sollicitons l’extension de notre agrément IDESS n° ${agrement?.number ?? ''} à l’activité « ${activity ? IDESS_ACTIVITY_INFO[activity].label : ''} ».`,
      });
      body.push({
        type: 'paragraph',
        text: `Cette nouvelle activité répond à une demande exprimée par le CPAS de ${op.commune.name} et permettra d’engager deux travailleurs supplémentaires sous article 60 §7, dans une perspective de réinsertion socioprofessionnelle.`,
      });
      annexes.push('attestation du CPAS', 'budget de la nouvelle activité', 'description du public bénéficiaire');
      break;
    }
    case 'derogation':
      body.push({
        type: 'paragraph',
        text:
          d.scheme === 'EI'
            ? 'Nous sollicitons une dérogation temporaire au seuil de 50 % de travailleurs du public cible. Le départ à la pension de quatre travailleurs et la reprise d’un marché de rénovation ont imposé l’engagement de profils qualifiés. Un plan de recrutement sur dix-huit mois, établi avec le Forem, est joint à la présente.'
            : 'Nous sollicitons l’autorisation d’occuper temporairement deux travailleurs hors public cible pour remplacer des travailleurs en incapacité de longue durée, afin de garantir la continuité du service aux bénéficiaires.',
      });
      annexes.push('plan de recrutement', 'état de l’emploi au premier jour du trimestre');
      break;
    default:
      body.push({ type: 'paragraph', text: d.subject });
  }
  body.push({ type: 'heading', text: 'Annexes' });
  body.push({ type: 'bullets', items: annexes });
  body.push({
    type: 'paragraph',
    text: 'Nous restons à votre disposition pour toute information complémentaire et vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
  });
  body.push({ type: 'signature', lines: [op.signatory.name, op.signatory.title] });
  const title = `${d.subject} — ${op.name}`;
  return {
    kind: 'request',
    title,
    filename: `demande-${d.kind === 'agrement' ? 'agrement' : d.kind === 'renewal' ? 'renouvellement' : d.kind === 'extension' ? 'extension' : 'derogation'}-${d.reference}.pdf`,
    date,
    spec: {
      date,
      title,
      author: op.name,
      subject: d.subject,
      sender: letterhead(op),
      recipient: SPW_ECONOMIE_SOCIALE,
      placeAndDate: `${op.commune.name}, le ${dateFr(date)}`,
      references: [
        ['Objet :', d.subject],
        ['Envoi :', 'recommandé et courriel'],
      ],
      blocks: body,
      footer: operatorFooter(op),
    },
  };
}

function figureRows(report: ActivityReport): [string, string][] {
  const f = report.figures;
  const n = (v: number | null, decimals = 1) => (v === null ? 'non communiqué' : numberFr(v, decimals));
  const money = (v: number | null) => (v === null ? 'non communiqué' : euro(v));
  const yes = (v: number | null) => (v === null ? 'non communiqué' : v === 1 ? 'oui' : 'non');
  const rows: [string, string][] = [
    ['Travailleurs au 31 décembre', n(f.headcount, 0)],
    ['Équivalents temps plein (ETP)', n(f.fteTotal)],
  ];
  if (report.scheme === 'EI') {
    rows.push(
      ['ETP travailleurs défavorisés (TD)', n(f.targetFteTd)],
      ['ETP travailleurs gravement défavorisés (TGD)', n(f.targetFteTgd)],
      ['Travailleurs du public cible engagés dans l’année', n(f.targetHires, 0)],
      ['dont CDI obtenu dans les six mois', n(f.cdiWithin6Months, 0)],
      ['Travailleurs occupés à moins d’un mi-temps', n(f.partTimeBelowHalf, 0)],
      ['Rémunération annuelle ETP la plus basse', money(f.lowestFtePayCents)],
      ['Rémunération annuelle ETP la plus élevée', money(f.highestFtePayCents)],
      ['Accompagnement social (ETP)', n(f.accompanimentFte)],
      ['Subventions TD perçues', money(f.subsidyTdCents)],
      ['Subventions TGD perçues', money(f.subsidyTgdCents)],
    );
  }
  if (report.scheme === 'IDESS') {
    rows.push(
      ['ETP sous contrat SINE', n(f.targetFteSine)],
      ['ETP sous article 60 §7', n(f.targetFteArt60)],
      ['ETP sous article 61', n(f.targetFteArt61)],
    );
  }
  if (report.scheme === 'AC') rows.push(['Porteurs de projets accompagnés', String(acProjects(report))]);
  rows.push(
    ['Plan de formation', yes(f.trainingPlan)],
    ['Heures de formation', n(f.trainingHours, 0)],
    ['Masse salariale', money(f.wageCostCents)],
    ['Autres subventions (APE, Maribel, subventions régionales)', money(f.otherSubsidiesCents)],
    ['Chiffre d’affaires', money(f.turnoverCents)],
    ['Résultat d’exploitation', money(f.operatingResultCents)],
  );
  return rows;
}

function activityReportPdf(d: Dossier, report: ActivityReport): DocumentDraft {
  const op = d.operator;
  const date = addDays(report.receivedOn ?? d.receivedOn, -1);
  const sector = SECTORS[op.sector];
  const insertion = report.scheme === 'EI' || report.scheme === 'IDESS';
  const narrative =
    `Au cours de l’exercice ${report.year}, ${op.name} a poursuivi ses activités dans ${sector.activity}.` +
    (insertion
      ? ` Notre mission de réinsertion socioprofessionnelle s’est traduite par ${hiresFr(report.figures.targetHires ?? Math.max(1, Math.round(targetFte(report.figures))))} et par un accompagnement individuel des travailleurs du public cible.`
      : ' L’exercice a été marqué par la consolidation de l’équipe et la diversification de nos partenaires.');
  const title = `Rapport d’activités ${report.year} — ${op.name}`;
  return {
    kind: 'activity_report',
    title,
    filename: `rapport-activites-${report.year}-${d.reference}.pdf`,
    date,
    spec: {
      date,
      title,
      author: op.name,
      subject: d.subject,
      sender: letterhead(op),
      recipient: SPW_ECONOMIE_SOCIALE,
      placeAndDate: `${op.commune.name}, le ${dateFr(date)}`,
      references: [
        ['Objet :', `${d.subject} (${SCHEME_FR[report.scheme]})`],
        ['Agrément :', report.agrement.number],
      ],
      blocks: [
        { type: 'title', text: `Rapport d’activités ${report.year} — synthèse des données` },
        { type: 'paragraph', text: narrative },
        { type: 'heading', text: 'Données de l’exercice' },
        { type: 'table', rows: figureRows(report) },
        { type: 'heading', text: 'Commentaires' },
        ...reportAnalysis(report).slice(0, 2).map((text): PdfBlock => ({ type: 'paragraph', text })),
        { type: 'paragraph', text: 'Nous certifions que les données ci-dessus sont sincères et conformes aux documents sociaux et comptables de l’entreprise.' },
        { type: 'signature', lines: [op.signatory.name, op.signatory.title] },
      ],
      footer: operatorFooter(op),
    },
  };
}

function hiresFr(n: number): string {
  return n === 1 ? 'l’engagement d’un travailleur du public cible' : `${n} engagements de travailleurs du public cible`;
}

const SEVERITY_FR = { info: 'Observation', minor: 'Mineur', major: 'Majeur', critical: 'Critique' } as const;

function inspectionReportPdf(d: Dossier): DocumentDraft | null {
  const inspection = d.inspection;
  if (!inspection) return null;
  const op = d.operator;
  const date = addDays(d.receivedOn, -2);
  const title = `Rapport d’inspection du ${dateFr(inspection.inspectedOn)} — ${op.name}`;
  const findings = inspection.findings.map(
    (f) => `[${SEVERITY_FR[f.severity]}] ${f.description}${f.followUpDueOn ? ` Régularisation attendue pour le ${dateFr(f.followUpDueOn)}.` : ''}`,
  );
  return {
    kind: 'inspection_report',
    title,
    filename: `rapport-inspection-${inspection.inspectedOn}-${d.reference}.pdf`,
    date,
    spec: {
      date,
      title,
      author: 'SPW Économie, Emploi, Recherche — Département de l’Inspection',
      subject: d.subject,
      sender: SPW_INSPECTION,
      recipient: address(op),
      placeAndDate: `Jambes, le ${dateFr(date)}`,
      references: [
        ['Réf. :', d.reference],
        ['Objet :', `Rapport d’inspection — ${op.name} (BCE ${bceFr(op.bce)})`],
      ],
      blocks: [
        { type: 'paragraph', text: 'Madame, Monsieur,' },
        {
          type: 'paragraph',
          text: `Le ${longDateFr(inspection.inspectedOn)}, ${inspection.inspector} a procédé, pour le Département de l’Inspection, à un contrôle dans vos locaux de ${op.commune.name}. Vous trouverez ci-dessous les constats établis à cette occasion.`,
        },
        { type: 'heading', text: 'Périmètre du contrôle' },
        { type: 'paragraph', text: inspection.scope },
        { type: 'heading', text: 'Constats' },
        findings.length > 0 ? { type: 'bullets', items: findings } : { type: 'paragraph', text: 'Aucun constat.' },
        { type: 'heading', text: 'Conclusion' },
        { type: 'paragraph', text: inspection.conclusion },
        {
          type: 'paragraph',
          text: 'Vous disposez d’un délai de quinze jours pour faire valoir vos observations. Le présent rapport est transmis à la Commission consultative et d’agrément des entreprises d’économie sociale.',
        },
        { type: 'signature', lines: [inspection.inspector, 'Département de l’Inspection'] },
      ],
      footer: SPW_FOOTER,
    },
  };
}

function proposalNote(d: Dossier, today: string): DocumentDraft | null {
  const item = d.items.at(-1);
  if (!d.proposalText || !d.proposalOutcome || !item) return null;
  const date = minDate(addDays(item.session.heldOn, -12), today);
  const title = `Note à la Commission — ${d.reference}`;
  const sentences = d.proposalText.split(/(?<=\.) (?=[A-ZÉÈÀ«])/);
  const conclusionIndex = sentences.findIndex((s) => s.startsWith('Proposition de l’administration'));
  const analysis = conclusionIndex >= 0 ? sentences.slice(0, conclusionIndex) : sentences;
  return {
    kind: 'proposal',
    title,
    filename: `note-commission-${d.reference}.pdf`,
    date,
    spec: {
      date,
      title,
      author: 'SPW Économie, Emploi, Recherche — Direction de l’Économie sociale',
      subject: d.subject,
      sender: SPW_ECONOMIE_SOCIALE,
      placeAndDate: `Jambes, le ${dateFr(date)}`,
      references: [
        ['Réf. :', d.reference],
        ['Objet :', `${d.subject} — ${d.operator.name}`],
        ['Séance :', `n° ${item.session.number} du ${dateFr(item.session.heldOn)}`],
      ],
      blocks: [
        { type: 'title', text: 'Note à la Commission consultative et d’agrément des entreprises d’économie sociale' },
        { type: 'heading', text: 'Opérateur' },
        {
          type: 'table',
          rows: [
            ['Dénomination', d.operator.name],
            ['Numéro d’entreprise', bceFr(d.operator.bce)],
            ['Forme juridique', d.operator.legalForm],
            ['Siège', `${d.operator.commune.postcode} ${d.operator.commune.name}`],
            ['Secteur', SECTORS[d.operator.sector].label],
          ],
        },
        { type: 'heading', text: 'Analyse de l’administration' },
        ...analysis.map((text): PdfBlock => ({ type: 'paragraph', text })),
        { type: 'heading', text: 'Proposition' },
        { type: 'paragraph', text: `L’administration propose à la Commission : ${OUTCOME_FR[d.proposalOutcome]}.`, bold: true },
        { type: 'signature', lines: ['Pour la Direction de l’Économie sociale,', 'l’attaché(e) en charge du dossier'] },
      ],
      footer: SPW_FOOTER,
    },
  };
}

function informationRequest(d: Dossier): DocumentDraft | null {
  const event = d.events.find((e) => e.kind === 'information_requested');
  if (!event) return null;
  const op = d.operator;
  const date = event.occurredOn;
  const title = `Demande de pièces complémentaires — ${d.reference}`;
  return {
    kind: 'correspondence',
    title,
    filename: `demande-pieces-${d.reference}.pdf`,
    date,
    spec: {
      date,
      title,
      author: 'SPW Économie, Emploi, Recherche — Direction de l’Économie sociale',
      subject: d.subject,
      sender: SPW_ECONOMIE_SOCIALE,
      recipient: address(op),
      placeAndDate: `Jambes, le ${dateFr(date)}`,
      references: [
        ['Réf. :', d.reference],
        ['Objet :', `${d.subject} — pièces complémentaires`],
      ],
      blocks: [
        { type: 'paragraph', text: 'Madame, Monsieur,' },
        {
          type: 'paragraph',
          text: `Nous accusons réception de votre dossier, reçu le ${dateFr(d.receivedOn)}. Afin de pouvoir le soumettre à la Commission consultative et d’agrément des entreprises d’économie sociale, nous vous saurions gré de nous transmettre les pièces suivantes :`,
        },
        {
          type: 'bullets',
          items: ['les comptes annuels du dernier exercice clôturé', 'une attestation de l’organe d’administration approuvant la demande', 'l’état de l’emploi au premier jour du trimestre en cours, par catégorie de travailleurs'],
        },
        { type: 'paragraph', text: 'Le délai de traitement de votre dossier est suspendu jusqu’à la réception de ces documents.' },
        { type: 'paragraph', text: 'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.' },
        { type: 'signature', lines: ['Pour la Direction de l’Économie sociale,', 'l’attaché(e) en charge du dossier'] },
      ],
      footer: SPW_FOOTER,
    },
  };
}

function decisionLetter(d: Dossier): DocumentDraft | null {
  const decision = d.decision;
  if (!decision?.notifiedOn) return null;
  const op = d.operator;
  const date = decision.notifiedOn;
  const title = `Notification de la décision ${decision.reference}`;
  return {
    kind: 'correspondence',
    title,
    filename: `notification-decision-${d.reference}.pdf`,
    date,
    spec: {
      date,
      title,
      author: 'SPW Économie, Emploi, Recherche — Direction de l’Économie sociale',
      subject: d.subject,
      sender: SPW_ECONOMIE_SOCIALE,
      recipient: address(op),
      placeAndDate: `Jambes, le ${dateFr(date)}`,
      references: [
        ['Réf. :', `${d.reference} — ${decision.reference}`],
        ['Objet :', `${d.subject} — notification de la décision`],
      ],
      blocks: [
        { type: 'paragraph', text: 'Madame, Monsieur,' },
        {
          type: 'paragraph',
          text: `Par arrêté ministériel du ${longDateFr(decision.decidedOn)} (réf. ${decision.reference}), pris après avis de la Commission consultative et d’agrément des entreprises d’économie sociale, la décision suivante a été prise concernant ${op.name} : ${DECISION_FR[decision.kind].toLowerCase()}${decision.term ? ` ${TERM_FR[decision.term]}` : ''}.`,
        },
        {
          type: 'paragraph',
          text: 'Cette décision peut faire l’objet d’un recours en annulation devant le Conseil d’État, dans les soixante jours de la présente notification.',
        },
        { type: 'paragraph', text: 'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.' },
        { type: 'signature', lines: ['Pour la Direction de l’Économie sociale,', 'la directrice'] },
      ],
      footer: SPW_FOOTER,
    },
  };
}

/** The same analysis grid is attached to every report dossier of a scheme: one file, many rows. */
function analysisGrid(scheme: Scheme, year: number): DocumentDraft {
  const date = `${year}-01-15`;
  const checks: Record<Scheme, string[]> = {
    EI: [
      'Proportion de travailleurs du public cible (TD et TGD) : au moins 50 % des ETP à partir de la quatrième année d’agrément.',
      'Contrat à durée indéterminée au plus tard six mois après l’engagement ; occupation à mi-temps au moins.',
      'Tension salariale : rapport maximal de 1 à 4 entre les rémunérations ETP.',
      'Accompagnement social des travailleurs du public cible, plan de formation, évaluation annuelle, participation des travailleurs.',
      'Subventions TD/TGD : au plus € 18 000 (TD) et € 36 000 (TGD) par ETP, et 50 % du coût salarial.',
      'Dépôt du rapport d’activités au plus tard le 15 juillet de l’année suivante.',
    ],
    IDESS: [
      'Activités exercées conformes à l’agrément ; taxi social, buanderie et magasin social réservés aux personnes précarisées.',
      'Espaces verts : pelouses de moins de 300 m², haies de 40 mètres de long et 3 mètres de haut au plus.',
      'Travailleurs du public cible : SINE, article 60 §7, article 61.',
      'Dépôt du rapport d’activités au plus tard le 15 juillet de l’année suivante.',
    ],
    IES: [
      'Finalité de service à la collectivité ou aux membres, autonomie de gestion, décision démocratique, primauté des personnes sur le capital.',
      'Comptes annuels déposés à la Banque nationale ; affectation du résultat conforme aux statuts.',
      'Composition de l’organe d’administration et modalités de participation des travailleurs.',
      'Dépôt du rapport annuel au plus tard le 15 juillet de l’année suivante.',
    ],
    AC: [
      'Nombre de porteurs de projets accompagnés et de créations d’entreprises d’économie sociale.',
      'Justification de la subvention complémentaire : conventions d’accompagnement et relevé des heures prestées.',
    ],
  };
  const title = `Grille d’analyse des rapports d’activités ${scheme} — version ${year}`;
  return {
    kind: 'annex',
    title,
    filename: `grille-analyse-rapports-${scheme}-${year}.pdf`,
    date,
    spec: {
      date,
      title,
      author: 'SPW Économie, Emploi, Recherche — Direction de l’Économie sociale',
      subject: title,
      sender: SPW_ECONOMIE_SOCIALE,
      placeAndDate: `Jambes, le ${dateFr(date)}`,
      references: [['Objet :', title]],
      blocks: [
        { type: 'title', text: `Points de contrôle — ${SCHEME_FR[scheme]}` },
        { type: 'paragraph', text: 'L’administration vérifie, pour chaque rapport, les points suivants avant de présenter sa proposition à la Commission :' },
        { type: 'bullets', items: checks[scheme] },
      ],
      footer: SPW_FOOTER,
    },
  };
}

function draftsFor(d: Dossier, today: string): DocumentDraft[] {
  const drafts: (DocumentDraft | null)[] = [];
  if (d.kind === 'agrement' || d.kind === 'renewal' || d.kind === 'extension' || d.kind === 'derogation') drafts.push(requestLetter(d));
  if (d.kind === 'activity_report' && d.report) {
    drafts.push(activityReportPdf(d, d.report));
    drafts.push(analysisGrid(d.scheme, yearOf(d.receivedOn)));
  }
  if (d.kind === 'inspection') drafts.push(inspectionReportPdf(d));
  drafts.push(informationRequest(d));
  if (d.items.length > 0) drafts.push(proposalNote(d, today));
  drafts.push(decisionLetter(d));
  return drafts.filter((x): x is DocumentDraft => x !== null);
}

/** How many PDF rows the demo carries: about 70 at scale 1, never more than 400. */
export function documentBudget(scale: number): number {
  return Math.min(400, Math.max(20, Math.round(70 * Math.sqrt(scale))));
}

/** Renders, stores and describes the documents of the dossiers that get some. */
export function writeDocuments(world: World, documentsDir: string, scale: number): DocumentRef[] {
  const budget = documentBudget(scale);
  const upcoming = world.sessions.filter((s) => s.upcoming).flatMap((s) => s.items.map((i) => i.dossier));
  const pending = world.dossiers
    .filter((d) => ['received', 'incomplete', 'ready', 'adjourned'].includes(d.status))
    .sort((a, b) => (a.receivedOn > b.receivedOn ? -1 : a.receivedOn < b.receivedOn ? 1 : a.id - b.id));
  const past = world.dossiers
    .filter((d) => d.finalOpinionOn !== null)
    .sort((a, b) => ((a.finalOpinionOn ?? '') > (b.finalOpinionOn ?? '') ? -1 : (a.finalOpinionOn ?? '') < (b.finalOpinionOn ?? '') ? 1 : a.id - b.id));
  const seen = new Set<Dossier>();
  const order: Dossier[] = [];
  // Interleave pending and past after the upcoming agendas, so that every kind of document shows up.
  const visit = (d: Dossier | undefined) => {
    if (!d || seen.has(d)) return;
    seen.add(d);
    order.push(d);
  };
  upcoming.forEach(visit);
  // Then the latest dossier of each kind, so that every kind of document is represented.
  for (const kind of new Set(past.map((d) => d.kind))) visit(past.find((d) => d.kind === kind));
  for (let i = 0; i < Math.max(pending.length, past.length); i++) {
    visit(pending[i]);
    visit(past[i]);
  }

  const written = new Map<string, number>();
  const refs: DocumentRef[] = [];
  for (const dossier of order) {
    if (refs.length >= budget) break;
    for (const draft of draftsFor(dossier, world.today)) {
      if (refs.length >= budget) break;
      const { bytes, text } = renderPdf(draft.spec);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (!written.has(sha256)) {
        const dir = join(documentsDir, sha256.slice(0, 2));
        const file = join(dir, `${sha256}.pdf`);
        if (!existsSync(file)) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(file, bytes);
        }
        written.set(sha256, bytes.length);
      }
      if (dossier.documents.some((doc) => doc.sha256 === sha256)) continue;
      const addedOn = minDate(draft.date > dossier.receivedOn ? draft.date : dossier.receivedOn, world.today);
      const ref: DocumentRef = {
        id: 0,
        dossier,
        sha256,
        title: draft.title,
        kind: draft.kind,
        documentDate: draft.date,
        filename: draft.filename,
        sizeBytes: bytes.length,
        textContent: text,
        addedAt: `${addedOn}T10:${String(refs.length % 60).padStart(2, '0')}:00.000Z`,
      };
      dossier.documents.push(ref);
      refs.push(ref);
    }
  }
  refs.sort((a, b) => a.dossier.id - b.dossier.id || (a.documentDate < b.documentDate ? -1 : a.documentDate > b.documentDate ? 1 : 0));
  refs.forEach((r, i) => (r.id = i + 1));
  return refs;
}
