// Demo data drawn from the founding documents: the Gard's SPASER in preparation and its buyers' workshop on selection juries,
// a few hundred plausible contracts of the Gard, the Drôme and the Ardèche over 2024–2025 (reserved ones to the demo ESAT,
// EA and SIAE, clauses with insertion hours, modifications), and the registry's ESS status of the demo actors.
// The buyers are the départements (their SIRETs from the kit's DEMO_AUTHORITIES); awardees' SIRETs, companies outside the
// registry, amounts and dates are fictitious.
import { DEMO_ACTOR_KEYS, DEMO_AUTHORITIES, demoActor, demoId, demoSiret, recordAudit, SYSTEM, type DemoActorKey } from '@ess/kit';
import type { DataSource } from 'typeorm';
import {
  AwardeeIdType,
  Ccag,
  ContractNature,
  EnvironmentalConsideration as Env,
  ExecutionMode,
  OperatorGrouping,
  PlaceCodeType,
  PriceForm,
  PriceType,
  Procedure,
  ReservedBasis,
  SocialConsideration as Social,
  Technique,
} from '../common/codes';
import { SCHEMA } from '../common/columns';
import { addDays } from '../common/identifiers';
import { contractProblems, derive, type AwardeeValues, type ContractState, type ModificationValues } from '../contract/contract.rules';
import { auditValues, saveStates } from '../contract/contract.store';
import { IndicatorUnit, SpaserStatus } from '../spaser/spaser.entity';

export const DEMO_BUYERS = [
  { key: 'gard', siret: DEMO_AUTHORITIES['30'].siret, name: DEMO_AUTHORITIES['30'].officialName, authority: '30' },
  { key: 'drome', siret: DEMO_AUTHORITIES['26'].siret, name: DEMO_AUTHORITIES['26'].officialName, authority: '26' },
  { key: 'ardeche', siret: DEMO_AUTHORITIES['07'].siret, name: DEMO_AUTHORITIES['07'].officialName, authority: '07' },
] as const;

export const demoBuyerId = (key: (typeof DEMO_BUYERS)[number]['key']) => demoId(`buyer:${key}`);
export const demoSpaserPlanId = (authority: '30') => demoId(`spaser:${authority}`);

/**
 * The registry's ESS status of its demo actors, as the registry would publish it (see docs/procurement-ess-sync.md).
 * Everything not listed is an ESS member outside inclusion; the demo-data test checks this against the registry's data.
 */
export const DEMO_ESS_STATUS: Partial<Record<DemoActorKey, { essMember?: boolean; inclusionType?: string }>> = {
  'jardins-cocagne-ales': { inclusionType: 'ACI' },
  'esat-beaucaire': { inclusionType: 'ESAT' },
  'ea-nimes': { inclusionType: 'EA' },
  'etti-nimes': { inclusionType: 'ETTI' },
  'ei-stgilles': { inclusionType: 'EI' },
  'ai-ales': { inclusionType: 'AI' },
  'eiti-vigan': { inclusionType: 'EITI' },
  'geiq-gard': { inclusionType: 'GEIQ' },
  'recyclerie-aubenas': { inclusionType: 'ACI' },
  'menuiserie-tournon': { essMember: false },
};

/** Names of the demo actors that win contracts (the registry holds the rest). */
const ACTOR_NAMES: Partial<Record<DemoActorKey, string>> = {
  'scic-gard-autonomie': 'SCIC Gard et Autonomie',
  'jardins-cocagne-ales': "Les Jardins d'Insertion d'Alès",
  'scop-mobilite-cevennes': 'Mobilité Cévennes SCOP',
  'fondation-nimes': 'Fondation Cévennes Solidarité',
  'esat-beaucaire': 'ESAT du Rhône et des Costières',
  'ea-nimes': 'Adapt’Services Gard',
  'etti-nimes': 'Tremplin Intérim Gard',
  'ei-stgilles': 'Recyclerie de la Petite Camargue',
  'ai-ales': 'Association intermédiaire Cévennes Emploi',
  'mobilite-pontdugard': 'Roulons Solidaire',
  'groupe-archer': 'Groupe ARCHER',
  'cae-valence': 'Coopérative d’activité et d’emploi Drôme-Ardèche',
  'scop-bois-privas': 'Bois Vivarais SCOP',
  'recyclerie-aubenas': 'Ressourcerie du Pays d’Aubenas',
  'services-annonay': 'Aide à domicile du Haut-Vivarais',
  'mobilite-die': 'Diois Mobilités',
  'menuiserie-tournon': 'Menuiserie du Vivarais',
};

/** Fictitious companies outside the registry (not ESS). */
const COMPANIES = [
  'Société Cévenole de Travaux Publics',
  'Bâtiment Gardois Construction',
  'Routes et Ouvrages du Languedoc',
  'Garrigues Informatique Services',
  'Restauration Collective Méditerranée',
  'Énergies Renouvelables du Sud',
  'Bureau d’études Rhône-Cévennes',
  'Imprimerie Nîmoise',
  'Ascenseurs Maintenance Sud',
  'Auto Électrique Occitanie',
  'Transports Scolaires Rhodaniens',
  'Fournitures Bureautiques du Midi',
  'Travaux Publics Drôme-Vivarais',
  'Valence Numérique',
  'Transports du Vivarais',
  'Chauffage Climatisation Rhône-Alpes',
].map((name, i) => ({ idType: AwardeeIdType.SIRET, identifier: demoSiret(500 + i), name }));

const actorAwardee = (key: DemoActorKey): AwardeeValues => ({ idType: AwardeeIdType.SIRET, identifier: demoActor(key).siret, name: ACTOR_NAMES[key] ?? null });

/** A small deterministic generator, so the demo is the same on every machine. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

type Kind = 'works' | 'services' | 'supplies' | 'intellectual';

interface Template {
  object: string;
  cpv: string;
  kind: Kind;
  amount: [number, number];
  months: [number, number];
  /** Awardees to draw from; an ESS actor key or a company index. */
  awardees: Array<DemoActorKey | number>;
  reserved?: ReservedBasis;
  /** Forced considerations; otherwise drawn with the year's odds. */
  social?: Social[];
  environmental?: Env[];
  framework?: boolean;
}

const R = ReservedBasis;

const GARD_TEMPLATES: Template[] = [
  { object: 'Entretien des espaces verts des collèges du secteur Beaucaire-Costières', cpv: '77310000-6', kind: 'services', amount: [60_000, 120_000], months: [24, 36], awardees: ['esat-beaucaire'], reserved: R.L2113_12, environmental: [Env.ENVIRONMENTAL_CLAUSE] },
  { object: 'Nettoyage des locaux des centres médico-sociaux de Nîmes', cpv: '90910000-9', kind: 'services', amount: [110_000, 180_000], months: [36, 48], awardees: ['ea-nimes'], reserved: R.L2113_12, environmental: [Env.ENVIRONMENTAL_CRITERION] },
  { object: 'Blanchisserie des linges des établissements départementaux', cpv: '98311000-6', kind: 'services', amount: [45_000, 70_000], months: [24, 36], awardees: ['esat-beaucaire'], reserved: R.L2113_12 },
  { object: 'Collecte, réparation et réemploi du mobilier des collèges', cpv: '90514000-3', kind: 'services', amount: [50_000, 95_000], months: [24, 36], awardees: ['ei-stgilles'], reserved: R.L2113_13, environmental: [Env.ENVIRONMENTAL_CLAUSE] },
  { object: 'Paniers de légumes biologiques pour la restauration des collèges', cpv: '03221000-6', kind: 'supplies', amount: [55_000, 90_000], months: [12, 24], awardees: ['jardins-cocagne-ales'], reserved: R.L2113_13, environmental: [Env.ENVIRONMENTAL_CRITERION] },
  { object: 'Accompagnement vers le logement des ménages en difficulté', cpv: '85311000-2', kind: 'services', amount: [120_000, 240_000], months: [24, 36], awardees: ['fondation-nimes'], reserved: R.L2113_15 },
  { object: 'Mise à disposition de personnel intérimaire en parcours d’insertion', cpv: '79620000-6', kind: 'services', amount: [80_000, 150_000], months: [12, 36], awardees: ['etti-nimes', 'ai-ales'], social: [Social.SOCIAL_CLAUSE, Social.SOCIAL_CRITERION] },
  { object: 'Transport à la demande en zone rurale des Cévennes', cpv: '60112000-6', kind: 'services', amount: [140_000, 320_000], months: [36, 48], awardees: ['scop-mobilite-cevennes'], social: [Social.SOCIAL_CRITERION], environmental: [Env.ENVIRONMENTAL_CLAUSE] },
  { object: 'Service d’aide à la mobilité des personnes âgées à domicile', cpv: '85312000-9', kind: 'services', amount: [90_000, 200_000], months: [24, 36], awardees: ['scic-gard-autonomie'], social: [Social.SOCIAL_CRITERION] },
  { object: 'Location et entretien de vélos à assistance électrique pour les agents', cpv: '34431000-7', kind: 'services', amount: [40_000, 60_000], months: [24, 36], awardees: ['mobilite-pontdugard'], environmental: [Env.ENVIRONMENTAL_CLAUSE, Env.ENVIRONMENTAL_CRITERION] },
  { object: 'Réhabilitation thermique d’un collège', cpv: '45321000-3', kind: 'works', amount: [900_000, 3_500_000], months: [14, 24], awardees: [1, 0], environmental: [Env.ENVIRONMENTAL_CRITERION] },
  { object: 'Renforcement de chaussée de route départementale', cpv: '45233140-2', kind: 'works', amount: [250_000, 1_400_000], months: [4, 12], awardees: [0, 2] },
  { object: 'Construction d’un gymnase de collège', cpv: '45212222-8', kind: 'works', amount: [1_800_000, 4_800_000], months: [18, 30], awardees: [1], social: [Social.SOCIAL_CLAUSE], environmental: [Env.ENVIRONMENTAL_CLAUSE] },
  { object: 'Fourniture d’électricité d’origine renouvelable', cpv: '09310000-5', kind: 'supplies', amount: [1_200_000, 2_600_000], months: [36, 48], awardees: [5], environmental: [Env.ENVIRONMENTAL_CRITERION], framework: true },
  { object: 'Acquisition de véhicules électriques de service', cpv: '34144900-7', kind: 'supplies', amount: [180_000, 420_000], months: [12, 24], awardees: [9], environmental: [Env.ENVIRONMENTAL_CLAUSE] },
  { object: 'Fourniture de denrées alimentaires pour les collèges', cpv: '15000000-8', kind: 'supplies', amount: [300_000, 900_000], months: [12, 48], awardees: [4], framework: true },
  { object: 'Impression du magazine départemental', cpv: '79810000-5', kind: 'services', amount: [60_000, 140_000], months: [12, 36], awardees: [7] },
  { object: 'Maintenance du parc informatique des collèges', cpv: '50312000-5', kind: 'services', amount: [150_000, 480_000], months: [24, 48], awardees: [3], framework: true },
  { object: 'Étude de mobilité à l’échelle du département', cpv: '71311000-1', kind: 'intellectual', amount: [45_000, 110_000], months: [6, 12], awardees: [6] },
  { object: 'Maintenance des ascenseurs des bâtiments départementaux', cpv: '50750000-7', kind: 'services', amount: [70_000, 160_000], months: [36, 48], awardees: [8] },
  { object: 'Transport scolaire des élèves en situation de handicap', cpv: '60130000-8', kind: 'services', amount: [400_000, 1_100_000], months: [36, 48], awardees: [10] },
  { object: 'Fournitures de bureau et consommables', cpv: '30192000-1', kind: 'supplies', amount: [40_000, 90_000], months: [12, 48], awardees: [11], framework: true },
];

const DROME_ARDECHE_TEMPLATES: Template[] = [
  { object: 'Conditionnement et sous-traitance industrielle en insertion', cpv: '79921000-0', kind: 'services', amount: [60_000, 140_000], months: [24, 36], awardees: ['groupe-archer'], reserved: R.L2113_13 },
  { object: 'Accompagnement à la création d’activité des allocataires du RSA', cpv: '85312320-8', kind: 'services', amount: [80_000, 160_000], months: [24, 36], awardees: ['cae-valence'], reserved: R.L2113_15 },
  { object: 'Collecte et valorisation des encombrants', cpv: '90514000-3', kind: 'services', amount: [70_000, 130_000], months: [24, 36], awardees: ['recyclerie-aubenas'], reserved: R.L2113_13, environmental: [Env.ENVIRONMENTAL_CLAUSE] },
  { object: 'Fourniture de mobilier en bois local pour les collèges', cpv: '39160000-1', kind: 'supplies', amount: [50_000, 120_000], months: [12, 24], awardees: ['scop-bois-privas'], environmental: [Env.ENVIRONMENTAL_CRITERION] },
  { object: 'Transport solidaire en zone de montagne', cpv: '60112000-6', kind: 'services', amount: [60_000, 110_000], months: [24, 36], awardees: ['mobilite-die'], social: [Social.SOCIAL_CRITERION] },
  { object: 'Aide à domicile de nuit pour les personnes âgées', cpv: '85312000-9', kind: 'services', amount: [150_000, 300_000], months: [24, 48], awardees: ['services-annonay'], social: [Social.SOCIAL_CRITERION] },
  { object: 'Menuiseries bois d’un collège', cpv: '45421000-4', kind: 'works', amount: [120_000, 380_000], months: [6, 12], awardees: ['menuiserie-tournon'] },
  { object: 'Travaux de voirie départementale', cpv: '45233140-2', kind: 'works', amount: [200_000, 1_200_000], months: [4, 12], awardees: [12] },
  { object: 'Déploiement du très haut débit dans les collèges', cpv: '32412000-4', kind: 'services', amount: [150_000, 600_000], months: [12, 36], awardees: [13] },
  { object: 'Transport scolaire — lignes régulières', cpv: '60130000-8', kind: 'services', amount: [300_000, 900_000], months: [36, 48], awardees: [14] },
  { object: 'Rénovation du chauffage de bâtiments départementaux', cpv: '45331100-7', kind: 'works', amount: [180_000, 700_000], months: [6, 18], awardees: [15], environmental: [Env.ENVIRONMENTAL_CRITERION] },
];

const CCAG_OF: Record<Kind, Ccag> = { works: Ccag.WORKS, services: Ccag.SUPPLIES_AND_SERVICES, supplies: Ccag.SUPPLIES_AND_SERVICES, intellectual: Ccag.INTELLECTUAL_SERVICES };

/** Odds of considerations when a template forces none, rising from 2024 to 2025 as the SPASER is prepared. */
const ODDS: Record<number, { social: number; environmental: number }> = { 2024: { social: 0.08, environmental: 0.42 }, 2025: { social: 0.16, environmental: 0.58 } };

const COMMUNES: Record<string, string[]> = {
  '30': ['30189', '30007', '30334', '30028', '30032', '30350', '30258'],
  '26': ['26362', '26198', '26281', '26113', '26108'],
  '07': ['07186', '07010', '07019', '07324'],
};

interface Plan {
  authority: '30' | '26' | '07';
  buyer: (typeof DEMO_BUYERS)[number]['key'];
  prefix: string;
  templates: Template[];
  perYear: Record<number, number>;
}

const PLANS: Plan[] = [
  { authority: '30', buyer: 'gard', prefix: 'G', templates: GARD_TEMPLATES, perYear: { 2024: 110, 2025: 130 } },
  { authority: '26', buyer: 'drome', prefix: 'D', templates: DROME_ARDECHE_TEMPLATES, perYear: { 2024: 20, 2025: 24 } },
  { authority: '07', buyer: 'ardeche', prefix: 'A', templates: DROME_ARDECHE_TEMPLATES, perYear: { 2024: 16, 2025: 18 } },
];

/** Every demo contract, deterministic, each valid for the contract rules. */
export function demoContracts(): ContractState[] {
  const states: ContractState[] = [];
  for (const plan of PLANS) {
    const random = generator(Number(plan.authority === '07' ? 7 : plan.authority) * 7919);
    // after one contract of each template a year, the rest are ordinary contracts with companies
    const fillers = plan.templates.filter((t) => t.awardees.every((a) => typeof a === 'number') && !t.social);
    for (const year of [2024, 2025]) {
      const count = plan.perYear[year];
      for (let n = 1; n <= count; n++) {
        // the ESS and reserved templates come round once a year each, the others fill in
        const template = n <= plan.templates.length ? plan.templates[n - 1] : random.pick(fillers);
        const month = random.int(1, 12);
        const day = random.int(1, 28);
        const notifiedOn = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const amount = Math.round(random.int(template.amount[0], template.amount[1]) / 10) * 10;
        const durationMonths = random.int(template.months[0], template.months[1]);
        const odds = ODDS[year];
        const reserved = template.reserved ?? null;
        let social: Social[] = template.social ?? (random.chance(odds.social) ? [random.chance(0.6) ? Social.SOCIAL_CLAUSE : Social.SOCIAL_CRITERION] : [Social.NONE]);
        if (reserved) social = [Social.RESERVED_CONTRACT, ...(template.social ?? [])];
        if (template.kind === 'works' && !template.social && random.chance(odds.social + 0.2)) social = [Social.SOCIAL_CLAUSE];
        const environmental: Env[] = template.environmental ?? (random.chance(odds.environmental) ? [random.chance(0.5) ? Env.ENVIRONMENTAL_CLAUSE : Env.ENVIRONMENTAL_CRITERION] : [Env.NONE]);
        const awardee = random.pick(template.awardees);
        const awardees: AwardeeValues[] = [typeof awardee === 'number' ? COMPANIES[awardee] : actorAwardee(awardee)];
        // now and then a works contract goes to a joint group with an insertion partner's usual company
        if (template.kind === 'works' && random.chance(0.2)) awardees.push(COMPANIES[(COMPANIES.findIndex((c) => c.identifier === awardees[0].identifier) + 1) % 3]);
        const hasClause = social.includes(Social.SOCIAL_CLAUSE);
        // roughly 5 % of the labour of a works contract, less for services
        const planned = hasClause ? Math.max(150, Math.min(6000, Math.round(amount / (template.kind === 'works' ? 400 : 250) / 10) * 10)) : null;
        const achievedRatio = year === 2024 ? random.int(70, 115) / 100 : random.int(10, 60) / 100;
        const place = random.pick(COMMUNES[plan.authority]);
        const framework = template.framework ?? false;
        const modifications: ModificationValues[] = [];
        if (random.chance(year === 2024 ? 0.22 : 0.1)) {
          const modified = addDays(notifiedOn, random.int(120, 300));
          if (modified <= '2025-12-15') {
            modifications.push({
              decpId: 1,
              object: null,
              notifiedOn: modified,
              publishedOn: addDays(modified, random.int(3, 20)),
              durationMonths: random.chance(0.4) ? durationMonths + random.int(2, 6) : null,
              amount: Math.round((amount * random.int(103, 115)) / 100 / 10) * 10,
              awardees: [],
            });
          }
        }
        states.push({
          buyerId: demoBuyerId(plan.buyer),
          authorityCode: plan.authority,
          fields: {
            decpId: `${plan.prefix}${year}-${String(n).padStart(4, '0')}`,
            nature: ContractNature.MARCHE,
            object: n <= plan.templates.length ? template.object : `${template.object} — lot ${random.int(1, 6)}`,
            cpvCode: template.cpv,
            procedure: amount >= 221_000 && template.kind !== 'works' ? Procedure.OPEN_TENDER : amount >= 5_538_000 ? Procedure.OPEN_TENDER : Procedure.ADAPTED,
            techniques: [framework ? Technique.FRAMEWORK_AGREEMENT : Technique.NOT_APPLICABLE],
            executionModes: [framework ? ExecutionMode.PURCHASE_ORDERS : ExecutionMode.NOT_APPLICABLE],
            frameworkAgreementId: null,
            innovative: false,
            ccag: CCAG_OF[template.kind],
            offersReceived: reserved ? random.int(1, 3) : random.int(1, 9),
            advanceGranted: template.kind === 'works',
            advanceRate: template.kind === 'works' ? 0.05 : null,
            operatorGrouping: awardees.length > 1 ? OperatorGrouping.JOINT_AND_SEVERAL : OperatorGrouping.NONE,
            subcontractingDeclared: template.kind === 'works' && random.chance(0.5),
            placeCode: place,
            placeTypeCode: PlaceCodeType.COMMUNE,
            durationMonths,
            notifiedOn,
            publishedOn: addDays(notifiedOn, random.int(5, 25)),
            amount,
            priceForm: framework ? PriceForm.UNIT : template.kind === 'works' ? PriceForm.LUMP_SUM : random.pick([PriceForm.UNIT, PriceForm.LUMP_SUM, PriceForm.MIXED]),
            priceTypes: [template.kind === 'works' ? PriceType.REVISABLE : PriceType.FIRM],
            originEu: template.cpv.startsWith('15') || template.cpv.startsWith('03') ? 0.9 : null,
            originFrance: template.cpv.startsWith('15') || template.cpv.startsWith('03') ? 0.75 : null,
            socialConsiderations: social,
            environmentalConsiderations: environmental,
            reservedBasis: reserved,
            insertionHoursPlanned: planned,
            insertionHoursAchieved: planned === null ? null : Math.round(planned * achievedRatio),
          },
          awardees,
          modifications,
        });
      }
    }
  }
  // one award transferred to another company after a merger (a modification that changes the awardees)
  const transferred = states.find((s) => s.authorityCode === '30' && s.fields.ccag === Ccag.WORKS && s.fields.notifiedOn.startsWith('2024') && s.modifications.length === 0);
  if (transferred) {
    const when = addDays(transferred.fields.notifiedOn, 200);
    transferred.modifications.push({ decpId: 1, object: null, notifiedOn: when, publishedOn: addDays(when, 10), durationMonths: null, amount: null, awardees: [COMPANIES[2]] });
  }
  return states;
}

interface Figures {
  socialShare: number;
  environmentalShare: number;
  reserved: number;
  hoursAchieved: number;
  essShare: number;
}

/** The Gard's 2024 figures, as the SPASER's baselines (the demo's own data; the platform's indicators say the same). */
function baselines(states: ContractState[], essSirets: Set<string>): Figures {
  const mine = states.filter((s) => s.authorityCode === '30' && s.fields.notifiedOn.startsWith('2024'));
  const share = (n: number) => Math.round((1000 * n) / mine.length) / 10;
  let total = 0;
  let ess = 0;
  for (const s of mine) {
    const d = derive(s);
    const current = d.currentAwardeesFrom === null ? s.awardees : (s.modifications.find((m) => m.decpId === d.currentAwardeesFrom) as ModificationValues).awardees;
    total += d.currentAmount;
    ess += (d.currentAmount * current.filter((a) => essSirets.has(a.identifier)).length) / current.length;
  }
  return {
    socialShare: share(mine.filter((s) => derive(s).hasSocialConsideration).length),
    environmentalShare: share(mine.filter((s) => derive(s).hasEnvironmentalConsideration).length),
    reserved: mine.filter((s) => s.fields.socialConsiderations.includes(Social.RESERVED_CONTRACT)).length,
    hoursAchieved: mine.reduce((sum, s) => sum + (s.fields.insertionHoursAchieved ?? 0), 0),
    essShare: Math.round((1000 * ess) / total) / 10,
  };
}

/** Loads the demo data once: when the subgraph's tables are empty. */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    // Replicas starting together: one loads the data, the others wait for its commit here and then find it.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('procurement.demo-data'))`);
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM procurement.buyer');
    if (count > 0) return;
    const context = { identity: SYSTEM, requestId: 'demo-data' };

    await manager.query(
      `INSERT INTO procurement.buyer (id, siret, name, authority_code) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
      [DEMO_BUYERS.map((b) => demoBuyerId(b.key)), DEMO_BUYERS.map((b) => b.siret), DEMO_BUYERS.map((b) => b.name), DEMO_BUYERS.map((b) => b.authority)],
    );

    const essRows = (Object.keys(ACTOR_NAMES) as DemoActorKey[])
      .concat(DEMO_ACTOR_KEYS.filter((k) => !(k in ACTOR_NAMES)))
      .map((key) => ({ key, ...demoActor(key), essMember: DEMO_ESS_STATUS[key]?.essMember ?? true, inclusionType: DEMO_ESS_STATUS[key]?.inclusionType ?? 'NONE' }));
    await manager.query(
      // The registry's own feed may have filled the projection already: what it says wins.
      `INSERT INTO procurement.ess_actor (siret, actor_id, name, ess_member, inclusion_type) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::boolean[], $5::text[])
       ON CONFLICT (siret) DO NOTHING`,
      [essRows.map((r) => r.siret), essRows.map((r) => r.id), essRows.map((r) => ACTOR_NAMES[r.key] ?? null), essRows.map((r) => r.essMember), essRows.map((r) => r.inclusionType)],
    );

    const states = demoContracts();
    const today = new Date().toISOString().slice(0, 10);
    for (const state of states) {
      const problems = contractProblems(state, { today });
      if (problems.length) throw new Error(`Demo contract ${state.fields.decpId} is invalid: ${JSON.stringify(problems)}`);
    }
    const ids = await saveStates(
      manager,
      states.map((state) => ({ id: null, expectedVersion: null, state })),
    );

    const figures = baselines(states, new Set(essRows.filter((r) => r.essMember).map((r) => r.siret)));
    const planId = demoSpaserPlanId('30');
    await manager.query(
      `INSERT INTO procurement.spaser_plan (id, authority_code, title, status, adopted_on, period_start, period_end, description) VALUES ($1, '30', $2, $3, NULL, 2026, 2028, $4)`,
      [
        planId,
        'Schéma de promotion des achats publics socialement et écologiquement responsables (SPASER) du Gard',
        SpaserStatus.PLANNED,
        'En préparation : le Département du Gard prévoit un SPASER (article L2111-3 du code de la commande publique) pour faire de ses achats un levier de l’insertion, ' +
          'de la transition écologique et du soutien à l’économie sociale et solidaire, en cohérence avec le schéma départemental de l’ESS adopté le 8 mars 2024.',
      ],
    );
    await manager.query(
      `INSERT INTO procurement.indicator_kind (code, label, description, unit, computed) VALUES ($1, $2, $3, $4, false)`,
      [
        'CIRCULAR_ECONOMY_SHARE',
        'Part des achats de fournitures issus du réemploi, de la réutilisation ou intégrant des matières recyclées',
        'Suivie à la main : obligation de l’article 58 de la loi AGEC (20 % pour les biens concernés).',
        IndicatorUnit.PERCENT,
      ],
    );
    const objectives: Array<[kind: string, target: number, baseline: number | null, description: string]> = [
      ['SOCIAL_CONSIDERATION_SHARE', 35, figures.socialShare, 'Au moins une considération sociale dans plus d’un marché sur trois.'],
      ['ENVIRONMENTAL_CONSIDERATION_SHARE', 100, figures.environmentalShare, 'Une considération environnementale dans chaque marché, comme le vise le PNAD.'],
      ['RESERVED_CONTRACTS', figures.reserved * 2, figures.reserved, 'Doubler les marchés réservés aux EA, ESAT, SIAE et entreprises de l’ESS.'],
      ['INSERTION_HOURS', Math.round((figures.hoursAchieved * 1.5) / 1000) * 1000, figures.hoursAchieved, 'Heures d’insertion réalisées par an grâce aux clauses sociales : +50 %.'],
      ['ESS_SPEND_SHARE', 5, figures.essShare, 'Part du montant des marchés attribuée aux acteurs de l’ESS.'],
      ['CIRCULAR_ECONOMY_SHARE', 20, null, 'Objectif réglementaire de la loi AGEC, suivi par la direction des achats.'],
    ];
    await manager.query(
      `INSERT INTO procurement.spaser_objective (plan_id, indicator_kind, target_value, target_year, baseline_value, baseline_year, description)
       SELECT $1, k, t, 2028, b, CASE WHEN b IS NULL THEN NULL ELSE 2024 END, d FROM unnest($2::text[], $3::numeric[], $4::numeric[], $5::text[]) AS x(k, t, b, d)`,
      [planId, objectives.map((o) => o[0]), objectives.map((o) => o[1]), objectives.map((o) => o[2]), objectives.map((o) => o[3])],
    );
    const sessionId = demoId('training:gard-jurys');
    await manager.query(
      `INSERT INTO procurement.training_session (id, authority_code, topic, held_on, organiser, buyers_trained, description, spaser_plan_id)
       VALUES ($1, '30', $2, $3, $4, $5, $6, $7)`,
      [
        sessionId,
        'Nouvelles pratiques pour les jurys de sélection',
        '2025-02-13',
        'Direction des affaires juridiques, des achats et de la commande publique',
        18,
        'Premier atelier de formation des acheteurs du Département : composition et fonctionnement des jurys, analyse des critères sociaux et environnementaux, ' +
          'place des structures de l’ESS et de l’insertion dans les consultations. La date et le nombre de participants sont illustratifs.',
        planId,
      ],
    );

    await recordAudit(manager, SCHEMA, context, [
      ...states.map((state, i) => ({ entity: 'Contract', entityId: ids[i], action: 'create' as const, after: auditValues(state) })),
      { entity: 'SpaserPlan', entityId: planId, action: 'create', after: { authorityCode: '30', status: SpaserStatus.PLANNED, periodStart: 2026, periodEnd: 2028 } },
      { entity: 'TrainingSession', entityId: sessionId, action: 'create', after: { authorityCode: '30', topic: 'Nouvelles pratiques pour les jurys de sélection' } },
    ]);
  });
}
