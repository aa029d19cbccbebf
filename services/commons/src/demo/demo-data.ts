// Demo data drawn from DOMAIN.md: the Gard's call for commons ("Gard : l'ESS en commun(s)"), prepared in three
// co-construction workshops, launched on 26 November 2024 at Pont-du-Gard and opened by the assembly on 7 March 2025,
// with its two challenges, at least 3 structures per application, open licences, support in money, skills, premises
// or equipment and about 250 k€ a year. The workshops' dates and places, the needs, the applications, jurors, scores,
// decisions, amounts and commons are illustrative.
import { demoActor, demoId, recordAudit, SYSTEM, type AuditEntry, type DemoActorKey } from '@ess/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Application, ApplicationMember, ApplicationMemberRole, ApplicationNeed, ApplicationStatus, Decision, Review, ReviewScore } from '../application/application.entity';
import { Call, CallStatus, Challenge, Criterion, JuryMember, SupportKind } from '../call/call.entity';
import { Common, CommonMaintainer, CommonMilestone, CommonReuse, CommonStatus } from '../common/common.entity';
import { Need, NeedTerritoryKind, Workshop, WorkshopParticipant } from '../workshop/workshop.entity';

/** The plans subgraph links its action to this id (demoId('call:gard-appel-a-communs')). */
export const DEMO_CALL_ID = demoId('call:gard-appel-a-communs');
const id = (key: string) => demoId(`commons:gard:${key}`);
const actor = (key: DemoActorKey) => demoActor(key).id;

const CHALLENGES = [
  { key: 'pool', title: 'Mutualiser les initiatives existantes à l’échelle départementale', description: 'Mettre en commun ce qui marche déjà localement pour que tout le Gard en profite.' },
  { key: 'create', title: 'Créer de nouveaux communs en zone rurale ou en quartier prioritaire', description: 'Faire naître des communs là où l’offre manque : territoires ruraux et quartiers prioritaires de la politique de la ville.' },
];

const CRITERIA = [
  { key: 'cooperation', label: 'Coopération entre structures', maxScore: 10, weight: 2 },
  { key: 'utility', label: 'Utilité sociale et réponse aux besoins', maxScore: 10, weight: 2 },
  { key: 'openness', label: 'Ouverture et réutilisabilité du commun', maxScore: 10, weight: 1 },
  { key: 'viability', label: 'Viabilité et gouvernance', maxScore: 10, weight: 1 },
];

const WORKSHOPS = [
  { key: 'w1', title: 'Atelier 1 : partager les besoins', heldOn: '2024-09-19', place: 'Nîmes', facilitator: 'ESS-Gard', participants: ['ess-gard', 'cress-occitanie', 'fondation-nimes', 'ea-nimes', 'etti-nimes'] as DemoActorKey[] },
  { key: 'w2', title: 'Atelier 2 : choisir les défis', heldOn: '2024-10-10', place: 'Alès', facilitator: 'ESS-Gard', participants: ['ess-gard', 'jardins-cocagne-ales', 'ai-ales', 'scop-mobilite-cevennes', 'geiq-gard'] as DemoActorKey[] },
  { key: 'w3', title: 'Atelier 3 : écrire le règlement', heldOn: '2024-11-07', place: 'Le Vigan', facilitator: 'Direction de l’ESS du Département', participants: ['tiers-lieu-vigan', 'cuma-vigan', 'eiti-vigan', 'ess-gard', 'scic-gard-autonomie'] as DemoActorKey[] },
];

const NEEDS = [
  { key: 'n1', workshop: 'w1', challenge: 'pool', description: 'Une plateforme commune de mise à disposition de matériel entre structures de l’insertion.', territory: NeedTerritoryKind.DEPARTEMENT_WIDE, commune: null },
  { key: 'n2', workshop: 'w1', challenge: 'create', description: 'Une offre de mobilité solidaire pour les habitants du quartier Pissevin.', territory: NeedTerritoryKind.PRIORITY_DISTRICT, commune: '30189' },
  { key: 'n3', workshop: 'w2', challenge: 'create', description: 'Un approvisionnement alimentaire de proximité dans les Cévennes.', territory: NeedTerritoryKind.RURAL, commune: '30007' },
  { key: 'n4', workshop: 'w2', challenge: 'pool', description: 'Des outils partagés de gestion et de paie pour les petites associations.', territory: NeedTerritoryKind.DEPARTEMENT_WIDE, commune: null },
  { key: 'n5', workshop: 'w3', challenge: 'create', description: 'Un tiers-lieu itinérant pour les services de proximité en montagne.', territory: NeedTerritoryKind.RURAL, commune: '30350' },
  { key: 'n6', workshop: 'w3', challenge: 'create', description: 'Des modes de garde solidaires pour les parents en insertion.', territory: NeedTerritoryKind.URBAN, commune: '30334' },
];

interface DemoApplication {
  key: string;
  title: string;
  proposedCommon: string;
  licence: string;
  members: DemoActorKey[];
  needs: string[];
  amount: number;
  skills?: string;
  premises?: string;
  equipment?: string;
  status: ApplicationStatus;
  reason?: string;
  /** scores per criterion by juror j1 and j2 (when reviewed) */
  scores?: [number[], number[]];
  granted?: number;
  grantedSkills?: string;
  grantedPremises?: string;
  decisionReasons?: string;
}

const A = ApplicationStatus;
const APPLICATIONS: DemoApplication[] = [
  { key: 'a01', title: 'Matériauthèque solidaire du Gard', proposedCommon: 'Un catalogue ouvert et un logiciel de prêt de matériel entre structures', licence: 'AGPL-3.0-or-later', members: ['ess-gard', 'esat-beaucaire', 'ea-nimes', 'etti-nimes'], needs: ['n1'], amount: 60000, equipment: 'Véhicule utilitaire', status: A.ACCEPTED, scores: [[9, 8, 9, 7], [8, 9, 8, 7]], granted: 60000, grantedPremises: 'Entrepôt départemental à Nîmes', decisionReasons: 'Coopération large, besoin départemental, logiciel libre réutilisable.' },
  { key: 'a02', title: 'Mobilité solidaire à Pissevin', proposedCommon: 'Un modèle ouvert de garage et de location solidaires', licence: 'CC-BY-SA-4.0', members: ['mobilite-pontdugard', 'scop-mobilite-cevennes', 'fondation-nimes'], needs: ['n2'], amount: 45000, skills: 'Accompagnement juridique', status: A.ACCEPTED, scores: [[8, 9, 7, 6], [7, 9, 7, 7]], granted: 45000, grantedSkills: 'Appui du service juridique du Département', decisionReasons: 'Réponse directe à un besoin d’un quartier prioritaire.' },
  { key: 'a03', title: 'Épiceries paysannes des Cévennes', proposedCommon: 'Une charte et des outils ouverts de circuits courts', licence: 'CC-BY-SA-4.0', members: ['jardins-cocagne-ales', 'coop-agricole-stgilles', 'cuma-vigan', 'epicerie-bagnols'], needs: ['n3'], amount: 50000, status: A.ACCEPTED, scores: [[9, 9, 8, 8], [9, 8, 8, 8]], granted: 50000, decisionReasons: 'Besoin rural fort et coopération agricole.' },
  { key: 'a04', title: 'Paie partagée pour petites associations', proposedCommon: 'Un service mutualisé et sa documentation ouverte', licence: 'CC-BY-4.0', members: ['geiq-gard', 'mutuelle-gard', 'ess-gard'], needs: ['n4'], amount: 35000, skills: 'Expertise comptable', status: A.ACCEPTED, scores: [[7, 7, 8, 8], [7, 8, 7, 8]], granted: 30000, grantedSkills: 'Mise à disposition d’un expert-comptable', decisionReasons: 'Utile à tout le département ; montant ajusté.' },
  { key: 'a05', title: 'Tiers-lieu mobile du Vigan', proposedCommon: 'Un tiers-lieu itinérant documenté en libre', licence: 'CC-BY-SA-4.0', members: ['tiers-lieu-vigan', 'eiti-vigan', 'cuma-vigan'], needs: ['n5'], amount: 40000, premises: 'Local de stockage', status: A.ACCEPTED, scores: [[8, 8, 9, 6], [8, 7, 9, 6]], granted: 35000, grantedPremises: 'Local départemental au Vigan', decisionReasons: 'Service de proximité en montagne.' },
  { key: 'a06', title: 'Crèche solidaire d’Uzès', proposedCommon: 'Un guide ouvert de garde solidaire', licence: 'CC-BY-4.0', members: ['creche-uzes', 'ai-ales', 'fondation-nimes'], needs: ['n6'], amount: 30000, status: A.REJECTED, scores: [[6, 7, 5, 5], [5, 6, 6, 5]], decisionReasons: 'Projet intéressant mais gouvernance partagée à consolider.' },
  { key: 'a07', title: 'Réseau de recycleries gardoises', proposedCommon: 'Un annuaire ouvert des recycleries', licence: 'ODbL-1.0', members: ['esat-beaucaire', 'ei-stgilles', 'etti-nimes'], needs: ['n1'], amount: 25000, status: A.REJECTED, scores: [[5, 6, 6, 4], [6, 5, 6, 5]], decisionReasons: 'Recoupe largement la matériauthèque retenue.' },
  { key: 'a08', title: 'Cantine coopérative rurale', proposedCommon: 'Des recettes et un modèle économique ouverts', licence: 'CC-BY-SA-4.0', members: ['coop-agricole-stgilles', 'jardins-cocagne-ales', 'ai-ales'], needs: ['n3'], amount: 55000, status: A.REJECTED, scores: [[6, 6, 5, 4], [5, 6, 5, 4]], decisionReasons: 'Enveloppe insuffisante cette année ; à représenter.' },
  { key: 'a09', title: 'Formation numérique partagée', proposedCommon: 'Des modules de formation ouverts', licence: 'CC-BY-4.0', members: ['geiq-gard', 'ea-nimes', 'ess-gard'], needs: ['n4'], amount: 20000, status: A.REJECTED, scores: [[5, 5, 7, 5], [6, 5, 7, 5]], decisionReasons: 'Besoin déjà couvert par l’offre régionale.' },
  { key: 'a10', title: 'Atelier vélo de Bagnols', proposedCommon: 'Un atelier vélo et ses plans libres', licence: 'CERN-OHL-S-2.0', members: ['epicerie-bagnols', 'mobilite-pontdugard'], needs: ['n2'], amount: 15000, status: A.INELIGIBLE, reason: 'Deux structures seulement : le règlement en demande au moins trois.' },
  { key: 'a11', title: 'Jardins partagés de Beaucaire', proposedCommon: 'Une méthode ouverte de jardins partagés', licence: 'CC-BY-4.0', members: ['esat-beaucaire', 'jardins-cocagne-ales', 'fondation-nimes'], needs: ['n6'], amount: 18000, status: A.WITHDRAWN },
  { key: 'a12', title: 'Réseau des aidants', proposedCommon: 'Une plateforme d’entraide entre aidants', licence: 'AGPL-3.0-or-later', members: ['scic-gard-autonomie', 'mutuelle-gard', 'ess-gard'], needs: ['n4'], amount: 20000, status: A.DRAFT },
];

const JURORS = [
  { key: 'j1', userId: 'demo-juror-vp-ess', name: 'Vice-présidence déléguée à l’ESS', declared: [] as DemoActorKey[] },
  { key: 'j2', userId: 'demo-juror-direction-ess', name: 'Direction de l’ESS', declared: [] as DemoActorKey[] },
  { key: 'j3', userId: 'demo-juror-ess-gard', name: 'Représentante d’ESS-Gard', declared: ['ess-gard'] as DemoActorKey[] },
];

export const DEMO_COMMONS = {
  materiautheque: id('common:materiautheque'),
  epiceries: id('common:epiceries'),
};

const COMMONS = [
  {
    id: DEMO_COMMONS.materiautheque, application: 'a01', name: 'Matériauthèque du Gard', licence: 'AGPL-3.0-or-later', status: CommonStatus.ACTIVE,
    links: ['https://example.org/materiautheque-gard'], maintainers: ['ess-gard', 'esat-beaucaire'] as DemoActorKey[],
    milestones: [{ title: 'Catalogue ouvert publié', dueOn: '2025-10-01', doneOn: '2025-09-24' }, { title: 'Cinquante structures prêteuses', dueOn: '2026-06-30', doneOn: null }],
    reuses: [{ actor: 'recyclerie-aubenas' as DemoActorKey, since: '2026-02-01', description: 'Reprise du logiciel de prêt en Ardèche.' }],
  },
  {
    id: DEMO_COMMONS.epiceries, application: 'a03', name: 'Charte des épiceries paysannes', licence: 'CC-BY-SA-4.0', status: CommonStatus.EMERGING,
    links: ['https://example.org/epiceries-cevennes'], maintainers: ['jardins-cocagne-ales', 'cuma-vigan'] as DemoActorKey[],
    milestones: [{ title: 'Charte adoptée par les quatre structures', dueOn: '2025-12-15', doneOn: null }],
    reuses: [],
  },
];

async function seedCall(manager: EntityManager): Promise<AuditEntry[]> {
  const audit: AuditEntry[] = [];
  const call = {
    id: DEMO_CALL_ID,
    authorityCode: '30',
    title: 'Gard : l’ESS en commun(s) – appel à communs',
    description:
      'Appel à communs du Département du Gard, préparé en trois ateliers de co-construction, lancé le 26 novembre 2024 au Pont-du-Gard et ouvert à titre expérimental par l’assemblée le 7 mars 2025 : les structures de l’ESS définissent les besoins ensemble et y répondent en groupes par des solutions partagées sous licence ouverte. Évaluation en octobre 2025.',
    status: CallStatus.FOLLOW_UP,
    minStructures: 3,
    acceptedLicences: ['CC-BY-4.0', 'CC-BY-SA-4.0', 'ODbL-1.0', 'AGPL-3.0-or-later', 'CERN-OHL-S-2.0'],
    supportKinds: [SupportKind.MONEY, SupportKind.SKILLS, SupportKind.PREMISES, SupportKind.EQUIPMENT],
    budgetEnvelope: 250000,
    opensOn: '2025-03-07',
    closesOn: '2025-05-31',
    decisionOn: '2025-07-10',
  };
  await manager.insert(Call, call);
  audit.push({ entity: 'Call', entityId: call.id, action: 'create', after: call });
  await manager.insert(Challenge, CHALLENGES.map((c, i) => ({ id: id(`challenge:${c.key}`), callId: call.id, position: i + 1, title: c.title, description: c.description })));
  await manager.insert(Criterion, CRITERIA.map((c, i) => ({ id: id(`criterion:${c.key}`), callId: call.id, position: i + 1, label: c.label, maxScore: c.maxScore, weight: c.weight })));
  await manager.insert(JuryMember, JURORS.map((j) => ({ id: id(`juror:${j.key}`), callId: call.id, userId: j.userId, name: j.name, declaredActorIds: j.declared.map(actor) })));

  for (const w of WORKSHOPS) {
    const row = { id: id(`workshop:${w.key}`), callId: call.id, title: w.title, heldOn: w.heldOn, place: w.place, facilitator: w.facilitator, minutes: `Compte rendu : ${w.title}.` };
    await manager.insert(Workshop, row);
    await manager.insert(WorkshopParticipant, w.participants.map((p, i) => ({ workshopId: row.id, actorId: actor(p), position: i + 1 })));
    audit.push({ entity: 'Workshop', entityId: row.id, action: 'create', after: { ...row, participants: w.participants.map(actor) } });
  }
  for (const n of NEEDS) {
    const row = { id: id(`need:${n.key}`), callId: call.id, workshopId: id(`workshop:${n.workshop}`), challengeId: id(`challenge:${n.challenge}`), description: n.description, territoryKind: n.territory, communeCode: n.commune };
    await manager.insert(Need, row);
    audit.push({ entity: 'Need', entityId: row.id, action: 'create', after: row });
  }

  for (const a of APPLICATIONS) {
    const row = {
      id: id(`application:${a.key}`),
      callId: call.id,
      leadActorId: actor(a.members[0]),
      title: a.title,
      description: null,
      proposedCommon: a.proposedCommon,
      licence: a.licence,
      requestedAmount: a.amount,
      requestedSkills: a.skills ?? null,
      requestedPremises: a.premises ?? null,
      requestedEquipment: a.equipment ?? null,
      documents: [{ title: 'Dossier de candidature', url: `https://example.org/appel-a-communs/${a.key}.pdf` }],
      status: a.status,
      ineligibilityReason: a.reason ?? null,
      submittedAt: a.status === A.DRAFT ? null : new Date('2025-05-15T10:00:00Z'),
    };
    await manager.insert(Application, row);
    await manager.insert(ApplicationMember, a.members.map((m, i) => ({ applicationId: row.id, actorId: actor(m), role: i === 0 ? ApplicationMemberRole.LEAD : ApplicationMemberRole.PARTNER, position: i + 1 })));
    await manager.insert(ApplicationNeed, a.needs.map((n) => ({ applicationId: row.id, needId: id(`need:${n}`), callId: call.id })));
    audit.push({ entity: 'Application', entityId: row.id, action: 'create', after: { ...row, members: a.members.map(actor), needIds: a.needs.map((n) => id(`need:${n}`)) } });
    if (a.scores) {
      for (const [j, scores] of a.scores.entries()) {
        const reviewId = id(`review:${a.key}:j${j + 1}`);
        await manager.insert(Review, { id: reviewId, applicationId: row.id, juryMemberId: id(`juror:j${j + 1}`), comment: null });
        await manager.insert(ReviewScore, scores.map((score, c) => ({ reviewId, criterionId: id(`criterion:${CRITERIA[c].key}`), score })));
        audit.push({ entity: 'Review', entityId: reviewId, action: 'create', after: { applicationId: row.id, scores } });
      }
    }
    if (a.decisionReasons) {
      const decision = {
        id: id(`decision:${a.key}`),
        applicationId: row.id,
        callId: call.id,
        accepted: a.status === A.ACCEPTED,
        reasons: a.decisionReasons,
        grantedAmount: a.granted ?? 0,
        grantedSkills: a.grantedSkills ?? null,
        grantedPremises: a.grantedPremises ?? null,
        grantedEquipment: null,
        decidedOn: '2025-07-10',
      };
      await manager.insert(Decision, decision);
      audit.push({ entity: 'Decision', entityId: decision.id, action: 'create', after: decision });
    }
  }

  for (const c of COMMONS) {
    const row = { id: c.id, applicationId: id(`application:${c.application}`), callId: call.id, name: c.name, description: null, licence: c.licence, links: c.links, status: c.status };
    await manager.insert(Common, row);
    await manager.insert(CommonMaintainer, c.maintainers.map((m, i) => ({ commonId: c.id, actorId: actor(m), position: i + 1 })));
    if (c.milestones.length) await manager.insert(CommonMilestone, c.milestones.map((m) => ({ commonId: c.id, ...m })));
    if (c.reuses.length) await manager.insert(CommonReuse, c.reuses.map((r) => ({ commonId: c.id, actorId: actor(r.actor), since: r.since, description: r.description })));
    audit.push({ entity: 'Common', entityId: c.id, action: 'create', after: { ...row, maintainers: c.maintainers.map(actor), milestones: c.milestones } });
  }
  return audit;
}

/** Loads the demo data once: when no call exists yet. */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    // Replicas starting together: one loads the data, the others wait for its commit here and then find it.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('commons.demo-data'))`);
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM commons.call');
    if (count > 0) return;
    await recordAudit(manager, 'commons', { identity: SYSTEM, requestId: 'demo-data' }, await seedCall(manager));
  });
}
