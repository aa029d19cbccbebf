// Demo data drawn from the founding documents (DOMAIN.md): the Gard ESS plan of 8 March 2024 and the Drôme–Ardèche
// orientations of 28 November 2008, with their axes, actions, indicators, agreements and events.
// Facts (dates, axes, actors, the call for commons, the SPASER workshop, the ESS-Gard network, the SCIC stake, the
// 26 November 2024 meeting) come from the documents; progress figures, budgets, amounts, indicator targets and values,
// and the dates of the three workshops and of the buyers' workshop are illustrative.
import { demoActor, demoId, recordAudit, SYSTEM, type DemoActorKey } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Action, ActionPartner, ActionStatus, Milestone, type MilestoneValues } from '../action/action.entity';
import { Agreement, AgreementNature, AgreementStatus, Instalment, PaymentTerms, type InstalmentValues } from '../agreement/agreement.entity';
import { Axis } from '../axis/axis.entity';
import { EventKind, PlanEvent } from '../event/event.entity';
import { Indicator, IndicatorValue } from '../indicator/indicator.entity';
import { Plan, PlanAuthority, PlanStatus } from '../plan/plan.entity';

export const DEMO_PLAN_IDS = {
  gard: demoId('plan:gard-ess-2024'),
  dromeArdeche: demoId('plan:drome-ardeche-ess-2008'),
};
/** Ids of records of other subgraphs the demo actions produce (the commons and procurement demo data use the same keys). */
export const demoCallId = (key: string) => demoId(`call:${key}`);
/** Procurement keys its demo SPASER by the authority's code (demoId('spaser:30')). */
export const demoSpaserPlanId = (authority: string) => demoId(`spaser:${authority}`);
const demoNetworkId = (key: string) => demoId(`network:${key}`);

interface DemoAction {
  key: string;
  axis: number;
  parent?: string;
  title: string;
  description?: string;
  leadService?: string;
  status: ActionStatus;
  progress: number;
  startOn?: string;
  endOn?: string;
  plannedBudget?: number;
  committedBudget?: number;
  callId?: string;
  spaserPlanId?: string;
  networkId?: string;
  partners: DemoActorKey[];
  milestones?: MilestoneValues[];
}

interface DemoIndicator {
  key: string;
  action?: string;
  title: string;
  unit: string;
  baseline: number;
  baselineOn: string;
  target: number;
  targetOn: string;
  values: Array<[string, number]>;
}

interface DemoAgreement {
  key: string;
  action: string;
  authority: string;
  actor: DemoActorKey;
  beneficiaryName: string;
  object: string;
  amount: number;
  nature: AgreementNature;
  paymentTerms: PaymentTerms;
  instalments: InstalmentValues[];
  signedOn: string;
  startOn?: string;
  endOn?: string;
  status: AgreementStatus;
  multiFunder?: boolean;
}

interface DemoPlan {
  key: string;
  id: string;
  title: string;
  summary: string;
  authorities: string[];
  adoptedOn: string;
  decidingBody: string;
  startOn: string;
  status: PlanStatus;
  axes: Array<{ title: string; description: string }>;
  actions: DemoAction[];
  indicators: DemoIndicator[];
  agreements: DemoAgreement[];
  events: Array<{ key: string; title: string; kind: EventKind; heldOn: string; place: string | null; description: string }>;
}

const VP_ESS = 'Vice-présidence déléguée à l’ESS';

const done = (title: string, dueOn: string): MilestoneValues => ({ title, dueOn, done: true, doneOn: dueOn });
const todo = (title: string, dueOn: string): MilestoneValues => ({ title, dueOn, done: false, doneOn: null });

export const DEMO_PLANS: DemoPlan[] = [
  {
    key: 'gard',
    id: DEMO_PLAN_IDS.gard,
    title: 'Schéma départemental de l’économie sociale et solidaire du Gard',
    summary:
      'Premier schéma départemental de l’ESS du Gard, co-construit avec les acteurs locaux de l’ESS et adopté à l’unanimité par l’assemblée départementale le 8 mars 2024, ' +
      'dans le prolongement de la vice-présidence déléguée à l’ESS créée en 2021. L’ESS représente environ 12 % de l’emploi salarié du Gard ' +
      '(action sociale, petite enfance, mobilité, alimentation, insertion).',
    authorities: ['30'],
    adoptedOn: '2024-03-08',
    decidingBody: 'Assemblée départementale du Gard (adopté à l’unanimité)',
    startOn: '2024-03-08',
    status: PlanStatus.IN_PROGRESS,
    axes: [
      { title: 'Soutenir la coopération locale', description: 'Faire travailler ensemble les structures de l’ESS du territoire, du besoin à la solution.' },
      { title: 'Promouvoir l’ESS', description: 'Faire connaître l’ESS et ses acteurs, dont par la commande publique responsable.' },
      { title: 'Accompagner la structuration des acteurs clés de l’ESS', description: 'Réseau départemental, participations et conventions avec les acteurs clés.' },
      { title: 'Soutenir l’innovation sociale', description: 'Faire émerger des réponses nouvelles aux besoins sociaux du territoire.' },
    ],
    actions: [
      {
        key: 'appel-a-communs',
        axis: 1,
        title: 'Appel à communs',
        description:
          'Les structures de l’ESS définissent ensemble les besoins et construisent ensemble les solutions, au lieu que le Département définisse seul le besoin. ' +
          'Préparé par trois ateliers de co-construction, lancé le 26 novembre 2024 à Pont-du-Gard, ouvert à titre expérimental par l’assemblée le 7 mars 2025 : ' +
          'au moins 3 structures par candidature, productions partagées librement, soutien en numéraire, compétences, locaux ou équipements ; environ 250 000 € par an ; évaluation en octobre 2025.',
        leadService: VP_ESS,
        status: ActionStatus.IN_PROGRESS,
        progress: 60,
        startOn: '2024-11-26',
        endOn: '2025-12-31',
        plannedBudget: 250000,
        committedBudget: 150000,
        callId: demoCallId('gard-appel-a-communs'),
        partners: ['ess-gard', 'cress-occitanie'],
        milestones: [
          done('Atelier de co-construction n°1 avec les acteurs de l’ESS', '2024-09-17'),
          done('Atelier de co-construction n°2 avec les acteurs de l’ESS', '2024-10-08'),
          done('Atelier de co-construction n°3 avec les acteurs de l’ESS', '2024-10-29'),
          done('Lancement de l’appel à communs à Pont-du-Gard (« Gard : l’ESS en commun(s) »)', '2024-11-26'),
          done('Ouverture des appels à communs à titre expérimental par l’assemblée départementale', '2025-03-07'),
          todo('Évaluation de l’expérimentation', '2025-10-31'),
        ],
      },
      {
        key: 'defi-mutualiser',
        axis: 1,
        parent: 'appel-a-communs',
        title: 'Défi 1 : mutualiser les initiatives existantes à l’échelle du département',
        status: ActionStatus.IN_PROGRESS,
        progress: 50,
        startOn: '2025-03-07',
        partners: ['ess-gard'],
      },
      {
        key: 'rencontre-ess-en-communs',
        axis: 2,
        title: 'Mois de l’ESS : rencontre « Gard : l’ESS en commun(s) »',
        description: 'Clôture du Mois de l’ESS le 26 novembre 2024 à Pont-du-Gard : bilan des premiers projets du schéma et lancement de l’appel à communs.',
        leadService: VP_ESS,
        status: ActionStatus.DONE,
        progress: 100,
        startOn: '2024-11-01',
        endOn: '2024-11-30',
        partners: ['cress-occitanie', 'ess-gard'],
        milestones: [done('Rencontre à Pont-du-Gard', '2024-11-26')],
      },
      {
        key: 'plateforme-open-source',
        axis: 2,
        title: 'Plateforme numérique de l’ESS en logiciel libre',
        description: 'Projet d’une plateforme ESS open source : annuaire des acteurs, suivi du schéma, des appels à communs et de la commande publique responsable.',
        leadService: VP_ESS,
        status: ActionStatus.IN_PROGRESS,
        progress: 30,
        partners: ['ess-gard'],
      },
      {
        key: 'spaser',
        axis: 2,
        title: 'SPASER : schéma de promotion des achats publics socialement et écologiquement responsables',
        description: 'SPASER en préparation ; un premier atelier de la direction des affaires juridiques, des achats et de la commande publique forme les acheteurs aux nouvelles pratiques des jurys de sélection.',
        leadService: 'Direction des affaires juridiques, des achats et de la commande publique',
        status: ActionStatus.IN_PROGRESS,
        progress: 15,
        spaserPlanId: demoSpaserPlanId('30'),
        partners: [],
        milestones: [done('Premier atelier acheteurs : nouvelles pratiques pour les jurys de sélection', '2025-02-11'), todo('Adoption du SPASER', '2026-12-31')],
      },
      {
        key: 'reseau-ess-gard',
        axis: 3,
        title: 'Premier noyau du réseau ESS-Gard',
        description: 'Constitution d’un premier noyau du réseau départemental de l’ESS, ESS-Gard.',
        leadService: VP_ESS,
        status: ActionStatus.IN_PROGRESS,
        progress: 50,
        networkId: demoNetworkId('ess-gard'),
        partners: ['ess-gard', 'cress-occitanie'],
      },
      {
        key: 'scic-gard-autonomie',
        axis: 3,
        title: 'Prise de participation au capital de la SCIC « Gard et Autonomie »',
        status: ActionStatus.DONE,
        progress: 100,
        partners: ['scic-gard-autonomie'],
      },
      {
        key: 'conventions-acteurs-cles',
        axis: 3,
        title: 'Conventions avec les acteurs clés de l’ESS',
        description: 'Soutien aux acteurs clés par des conventions fondées sur le schéma.',
        leadService: VP_ESS,
        status: ActionStatus.IN_PROGRESS,
        progress: 50,
        startOn: '2024-06-01',
        plannedBudget: 120000,
        committedBudget: 65000,
        partners: ['ess-gard', 'cress-occitanie', 'jardins-cocagne-ales'],
      },
      {
        key: 'innovations-secteurs-cles',
        axis: 4,
        title: 'Soutenir les innovations sociales des secteurs clés : action sociale, petite enfance, mobilité, alimentation, insertion',
        status: ActionStatus.PLANNED,
        progress: 10,
        partners: ['scop-mobilite-cevennes', 'creche-uzes', 'epicerie-bagnols', 'jardins-cocagne-ales'],
      },
      {
        // A sub-action under another axis of the same plan than its parent.
        key: 'defi-nouveaux-communs',
        axis: 4,
        parent: 'appel-a-communs',
        title: 'Défi 2 : créer de nouveaux communs en zone rurale ou en quartier prioritaire de la politique de la ville',
        status: ActionStatus.IN_PROGRESS,
        progress: 40,
        startOn: '2025-03-07',
        partners: ['tiers-lieu-vigan', 'mobilite-pontdugard'],
      },
    ],
    indicators: [
      { key: 'emploi-ess', title: 'Part de l’ESS dans l’emploi salarié du Gard', unit: '%', baseline: 12, baselineOn: '2024-03-08', target: 13, targetOn: '2028-12-31', values: [['2024-03-08', 12]] },
      { key: 'ateliers', action: 'appel-a-communs', title: 'Ateliers de co-construction tenus', unit: 'ateliers', baseline: 0, baselineOn: '2024-06-01', target: 3, targetOn: '2024-11-26', values: [['2024-11-26', 3]] },
      {
        key: 'montant-communs',
        action: 'appel-a-communs',
        title: 'Montant engagé pour les communs dans l’année',
        unit: '€',
        baseline: 0,
        baselineOn: '2025-01-01',
        target: 250000,
        targetOn: '2025-12-31',
        values: [['2025-06-30', 100000], ['2025-10-31', 150000]],
      },
      { key: 'membres-reseau', action: 'reseau-ess-gard', title: 'Structures membres du réseau ESS-Gard', unit: 'structures', baseline: 0, baselineOn: '2024-03-08', target: 30, targetOn: '2027-12-31', values: [['2024-11-26', 13]] },
    ],
    agreements: [
      {
        key: 'ess-gard-2024',
        action: 'conventions-acteurs-cles',
        authority: '30',
        actor: 'ess-gard',
        beneficiaryName: 'ESS-Gard',
        object: 'Animation du réseau départemental de l’économie sociale et solidaire',
        amount: 30000,
        nature: AgreementNature.CASH,
        paymentTerms: PaymentTerms.STAGED,
        instalments: [{ dueOn: '2024-07-01', amount: 15000, paidOn: '2024-07-05' }, { dueOn: '2025-01-15', amount: 15000, paidOn: null }],
        signedOn: '2024-06-20',
        startOn: '2024-07-01',
        endOn: '2025-06-30',
        status: AgreementStatus.SIGNED,
      },
      {
        key: 'cress-2024',
        action: 'conventions-acteurs-cles',
        authority: '30',
        actor: 'cress-occitanie',
        beneficiaryName: 'CRESS Occitanie',
        object: 'Observatoire de l’ESS gardoise et animation du Mois de l’ESS 2024',
        amount: 20000,
        nature: AgreementNature.CASH,
        paymentTerms: PaymentTerms.SINGLE,
        instalments: [{ dueOn: '2024-10-15', amount: 20000, paidOn: '2024-10-18' }],
        signedOn: '2024-09-30',
        startOn: '2024-10-01',
        endOn: '2024-12-31',
        status: AgreementStatus.CLOSED,
      },
      {
        key: 'jardins-2025',
        action: 'conventions-acteurs-cles',
        authority: '30',
        actor: 'jardins-cocagne-ales',
        beneficiaryName: "Les Jardins d'Insertion d'Alès",
        object: 'Paniers solidaires et insertion par le maraîchage biologique',
        amount: 15000,
        nature: AgreementNature.CASH,
        paymentTerms: PaymentTerms.SINGLE,
        instalments: [{ dueOn: '2025-05-15', amount: 15000, paidOn: null }],
        signedOn: '2025-04-10',
        startOn: '2025-04-10',
        endOn: '2025-12-31',
        status: AgreementStatus.SIGNED,
      },
      {
        key: 'tiers-lieu-2025',
        action: 'defi-nouveaux-communs',
        authority: '30',
        actor: 'tiers-lieu-vigan',
        beneficiaryName: 'La Filature, tiers-lieu du Vigan',
        object: 'Mise à disposition de locaux et d’équipements pour un commun en zone rurale',
        amount: 8000,
        nature: AgreementNature.IN_KIND,
        paymentTerms: PaymentTerms.SINGLE,
        instalments: [],
        signedOn: '2025-09-15',
        startOn: '2025-10-01',
        endOn: '2026-09-30',
        status: AgreementStatus.SIGNED,
      },
    ],
    events: [
      {
        key: 'adoption',
        title: 'Adoption du schéma départemental de l’ESS à l’unanimité',
        kind: EventKind.ASSEMBLY_SESSION,
        heldOn: '2024-03-08',
        place: 'Nîmes',
        description: 'L’assemblée départementale adopte à l’unanimité le premier schéma de l’ESS, co-construit avec les acteurs locaux.',
      },
      {
        key: 'ess-en-communs',
        title: 'Gard : l’ESS en commun(s)',
        kind: EventKind.PUBLIC_MEETING,
        heldOn: '2024-11-26',
        place: 'Pont-du-Gard',
        description: 'Clôture du Mois de l’ESS : bilan des premiers projets du schéma et lancement de l’appel à communs.',
      },
      {
        key: 'ouverture-appels',
        title: 'Ouverture des appels à communs à titre expérimental',
        kind: EventKind.ASSEMBLY_SESSION,
        heldOn: '2025-03-07',
        place: 'Nîmes',
        description: 'Deux défis : mutualiser les initiatives existantes ; créer de nouveaux communs en zone rurale ou en quartier prioritaire.',
      },
    ],
  },
  {
    key: 'drome-ardeche',
    id: DEMO_PLAN_IDS.dromeArdeche,
    title: 'Orientations bi-départementales Drôme–Ardèche en faveur de l’économie sociale et solidaire',
    summary:
      'L’assemblée bi-départementale du 28 novembre 2008 encourage les activités de l’ESS selon trois axes. Les deux départements s’appuient sur Pôle Sud, ' +
      'pôle de coopération et d’initiatives Sud Rhône-Alpes, qui regroupe des têtes de réseau : CRESS, COORACE, ADIE, URSCOP, groupe ARCHER, IEDV.',
    authorities: ['26', '07'],
    adoptedOn: '2008-11-28',
    decidingBody: 'Assemblée bi-départementale Drôme–Ardèche',
    startOn: '2008-11-28',
    status: PlanStatus.IN_PROGRESS,
    axes: [
      { title: 'Métiers à potentiel de développement et d’emploi, notamment pour les personnes peu qualifiées', description: 'Services à la personne, gestion des déchets, filière bois.' },
      { title: 'Aide à la création et au développement d’activités', description: 'Coopératives d’activité et d’emploi, coopération pour accéder à de nouveaux marchés.' },
      { title: 'Alternatives à la disparition d’activités locales', description: 'Reprise par les salariés, coopération pour maintenir l’activité et l’emploi, pôle de sous-traitance.' },
    ],
    actions: [
      { key: 'services-a-la-personne', axis: 1, title: 'Services à la personne', status: ActionStatus.IN_PROGRESS, progress: 60, partners: ['services-annonay', 'pole-sud'] },
      { key: 'gestion-des-dechets', axis: 1, title: 'Gestion des déchets', status: ActionStatus.IN_PROGRESS, progress: 50, partners: ['recyclerie-aubenas', 'pole-sud'] },
      { key: 'filiere-bois', axis: 1, title: 'Filière bois', status: ActionStatus.IN_PROGRESS, progress: 40, partners: ['scop-bois-privas', 'pole-sud'] },
      { key: 'cae', axis: 2, title: 'Coopératives d’activité et d’emploi (CAE)', status: ActionStatus.IN_PROGRESS, progress: 70, partners: ['cae-valence', 'urscop-aura', 'pole-sud'] },
      {
        key: 'cooperation-marches',
        axis: 2,
        title: 'Coopération pour accéder à de nouveaux marchés',
        status: ActionStatus.IN_PROGRESS,
        progress: 50,
        networkId: demoNetworkId('pole-sud'),
        partners: ['pole-sud', 'groupe-archer', 'adie-valence'],
      },
      { key: 'reprise-salaries', axis: 3, title: 'Reprise d’entreprises par les salariés', status: ActionStatus.IN_PROGRESS, progress: 40, partners: ['urscop-aura', 'scop-reprise-montelimar', 'menuiserie-tournon', 'pole-sud'] },
      {
        key: 'cooperation-maintien',
        axis: 3,
        title: 'Coopération pour maintenir l’activité et l’emploi',
        status: ActionStatus.IN_PROGRESS,
        progress: 50,
        plannedBudget: 80000,
        committedBudget: 65000,
        networkId: demoNetworkId('pole-sud'),
        partners: ['pole-sud', 'iedv', 'coorace-aura', 'cress-aura'],
      },
      { key: 'pole-sous-traitance', axis: 3, title: 'Pôle de sous-traitance', status: ActionStatus.IN_PROGRESS, progress: 30, partners: ['pool-soustraitance-tournon', 'groupe-archer', 'pole-sud'] },
    ],
    indicators: [
      { key: 'reprises', action: 'reprise-salaries', title: 'Entreprises reprises par leurs salariés', unit: 'entreprises', baseline: 0, baselineOn: '2008-11-28', target: 10, targetOn: '2013-12-31', values: [['2012-12-31', 4]] },
    ],
    agreements: [
      {
        key: 'pole-sud-26',
        action: 'cooperation-maintien',
        authority: '26',
        actor: 'pole-sud',
        beneficiaryName: 'Pôle Sud – Pôle de coopération et d’initiatives Sud Rhône-Alpes',
        object: 'Animation du pôle de coopération et d’initiatives Sud Rhône-Alpes',
        amount: 40000,
        nature: AgreementNature.CASH,
        paymentTerms: PaymentTerms.STAGED,
        instalments: [{ dueOn: '2009-04-01', amount: 20000, paidOn: '2009-04-03' }, { dueOn: '2009-10-01', amount: 20000, paidOn: '2009-10-02' }],
        signedOn: '2009-03-15',
        startOn: '2009-01-01',
        endOn: '2009-12-31',
        status: AgreementStatus.CLOSED,
        multiFunder: true,
      },
      {
        key: 'pole-sud-07',
        action: 'cooperation-maintien',
        authority: '07',
        actor: 'pole-sud',
        beneficiaryName: 'Pôle Sud – Pôle de coopération et d’initiatives Sud Rhône-Alpes',
        object: 'Animation du pôle de coopération et d’initiatives Sud Rhône-Alpes',
        amount: 25000,
        nature: AgreementNature.CASH,
        paymentTerms: PaymentTerms.SINGLE,
        instalments: [{ dueOn: '2009-05-01', amount: 25000, paidOn: '2009-05-04' }],
        signedOn: '2009-04-02',
        startOn: '2009-01-01',
        endOn: '2009-12-31',
        status: AgreementStatus.CLOSED,
        multiFunder: true,
      },
    ],
    events: [
      {
        key: 'assemblee-2008',
        title: 'Assemblée bi-départementale : orientations en faveur de l’ESS',
        kind: EventKind.ASSEMBLY_SESSION,
        heldOn: '2008-11-28',
        place: null,
        description: 'La Drôme et l’Ardèche encouragent les activités de l’ESS selon trois axes, en s’appuyant sur Pôle Sud.',
      },
    ],
  },
];

/** A record as the history shows a creation: its values (the id is the history's key) at version 1. */
function created<T extends { id: string }>(row: T): Omit<T, 'id'> & { version: number } {
  const { id: _id, ...values } = row;
  return { ...values, version: 1 };
}

const axisId = (plan: string, position: number) => demoId(`axis:${plan}:${position}`);
const actionId = (plan: string, key: string) => demoId(`action:${plan}:${key}`);

async function seedPlan(manager: EntityManager, plan: DemoPlan): Promise<Array<{ entity: string; entityId: string; action: 'create'; after: unknown }>> {
  const audit: Array<{ entity: string; entityId: string; action: 'create'; after: unknown }> = [];
  const planRow = {
    id: plan.id,
    title: plan.title,
    summary: plan.summary,
    kindCode: 'ESS_PLAN',
    status: plan.status,
    adoptedOn: plan.adoptedOn,
    decidingBody: plan.decidingBody,
    decisionReference: null,
    startOn: plan.startOn,
    endOn: null,
  };
  await manager.insert(Plan, planRow);
  await manager.insert(PlanAuthority, plan.authorities.map((authorityCode) => ({ planId: plan.id, authorityCode })));
  const { id: _planId, kindCode, ...planFields } = planRow;
  audit.push({ entity: 'Plan', entityId: plan.id, action: 'create', after: { ...planFields, kind: kindCode, authorities: [...plan.authorities].sort(), version: 1 } });

  const axes = plan.axes.map((axis, i) => ({ id: axisId(plan.key, i + 1), planId: plan.id, position: i + 1, title: axis.title, description: axis.description }));
  await manager.insert(Axis, axes);
  for (const axis of axes) audit.push({ entity: 'Axis', entityId: axis.id, action: 'create', after: created(axis) });

  const positions = new Map<number, number>();
  const actions = plan.actions.map((a) => {
    const position = (positions.get(a.axis) ?? 0) + 1;
    positions.set(a.axis, position);
    return {
      id: actionId(plan.key, a.key),
      planId: plan.id,
      axisId: axisId(plan.key, a.axis),
      parentId: a.parent ? actionId(plan.key, a.parent) : null,
      position,
      title: a.title,
      description: a.description ?? null,
      leadService: a.leadService ?? null,
      status: a.status,
      progress: a.progress,
      startOn: a.startOn ?? null,
      endOn: a.endOn ?? null,
      plannedBudget: a.plannedBudget ?? null,
      committedBudget: a.committedBudget ?? null,
      callId: a.callId ?? null,
      spaserPlanId: a.spaserPlanId ?? null,
      networkId: a.networkId ?? null,
    };
  });
  // Parents first: a sub-action references its parent.
  await manager.insert(Action, actions.filter((a) => !a.parentId));
  await manager.insert(Action, actions.filter((a) => a.parentId));
  const partners = plan.actions.flatMap((a) => a.partners.map((key, i) => ({ actionId: actionId(plan.key, a.key), actorId: demoActor(key).id, position: i + 1 })));
  if (partners.length) await manager.insert(ActionPartner, partners);
  const milestones = plan.actions.flatMap((a) => (a.milestones ?? []).map((m) => ({ actionId: actionId(plan.key, a.key), ...m })));
  if (milestones.length) await manager.insert(Milestone, milestones);
  plan.actions.forEach((a, i) =>
    audit.push({
      entity: 'Action',
      entityId: actions[i].id,
      action: 'create',
      after: { ...created(actions[i]), partners: a.partners.map((key) => demoActor(key).id), milestones: a.milestones ?? [] },
    }),
  );

  const indicators = plan.indicators.map((ind) => ({
    id: demoId(`indicator:${plan.key}:${ind.key}`),
    planId: plan.id,
    actionId: ind.action ? actionId(plan.key, ind.action) : null,
    title: ind.title,
    description: null,
    unit: ind.unit,
    baseline: ind.baseline,
    baselineOn: ind.baselineOn,
    target: ind.target,
    targetOn: ind.targetOn,
  }));
  if (indicators.length) await manager.insert(Indicator, indicators);
  const values = plan.indicators.flatMap((ind, i) => ind.values.map(([measuredOn, value]) => ({ indicatorId: indicators[i].id, measuredOn, value, comment: null })));
  if (values.length) await manager.insert(IndicatorValue, values);
  indicators.forEach((ind) => audit.push({ entity: 'Indicator', entityId: ind.id, action: 'create', after: created(ind) }));

  const agreements = plan.agreements.map((g) => ({
    id: demoId(`agreement:${plan.key}:${g.key}`),
    planId: plan.id,
    actionId: actionId(plan.key, g.action),
    authorityCode: g.authority,
    actorId: demoActor(g.actor).id,
    beneficiaryName: g.beneficiaryName,
    beneficiarySiret: demoActor(g.actor).siret,
    beneficiaryRna: null,
    object: g.object,
    amount: g.amount,
    nature: g.nature,
    paymentTerms: g.paymentTerms,
    paymentTermsNote: null,
    signedOn: g.signedOn,
    startOn: g.startOn ?? null,
    endOn: g.endOn ?? null,
    decisionReference: null,
    status: g.status,
    raeId: null,
    euNotified: false,
    subsidyShare: 1,
    aidScheme: null,
    multiFunder: g.multiFunder ?? false,
  }));
  if (agreements.length) await manager.insert(Agreement, agreements);
  const instalments = plan.agreements.flatMap((g, i) => g.instalments.map((inst) => ({ agreementId: agreements[i].id, ...inst })));
  if (instalments.length) await manager.insert(Instalment, instalments);
  agreements.forEach((g, i) => audit.push({ entity: 'Agreement', entityId: g.id, action: 'create', after: { ...created(g), instalments: plan.agreements[i].instalments } }));

  const events = plan.events.map((e) => ({ id: demoId(`event:${plan.key}:${e.key}`), planId: plan.id, title: e.title, kind: e.kind, heldOn: e.heldOn, place: e.place, description: e.description }));
  if (events.length) await manager.insert(PlanEvent, events);
  events.forEach((e) => audit.push({ entity: 'Event', entityId: e.id, action: 'create', after: created(e) }));
  return audit;
}

/** Loads the demo data once: when no plan exists yet. */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    // Replicas starting together: one loads the data, the others wait for its commit here and then find it.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('plans.demo-data'))`);
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM plans.plan');
    if (count > 0) return;
    const audit = [];
    for (const plan of DEMO_PLANS) audit.push(...(await seedPlan(manager, plan)));
    await recordAudit(manager, 'plans', { identity: SYSTEM, requestId: 'demo-data' }, audit);
  });
}
