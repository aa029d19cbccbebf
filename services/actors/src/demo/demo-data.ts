// Demo data drawn from the founding documents: the Gard, Drôme and Ardèche, their networks and actors of every family.
// Names of organisations that exist are real; their SIRETs, addresses and the people are fictitious.
import { demoActor, demoId, SYSTEM, recordAudit, type DemoActorKey } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { Actor } from '../actor/actor.entity';
import { applyActorChanges, type ActorChanges } from '../actor/actor.rules';
import { Contact } from '../contact/contact.entity';
import { InclusionType, LegalFamily, ActorStatus, EssStatus } from '../identifiers/codes';
import { Network, NetworkKind, NetworkMembership } from '../network/network.entity';

interface Place {
  code: string;
  name: string;
  postalCode: string;
  latitude: number;
  longitude: number;
}

const P: Record<string, Place> = {
  nimes: { code: '30189', name: 'Nîmes', postalCode: '30000', latitude: 43.8367, longitude: 4.3601 },
  ales: { code: '30007', name: 'Alès', postalCode: '30100', latitude: 44.125, longitude: 4.08 },
  uzes: { code: '30334', name: 'Uzès', postalCode: '30700', latitude: 44.0125, longitude: 4.4197 },
  bagnols: { code: '30028', name: 'Bagnols-sur-Cèze', postalCode: '30200', latitude: 44.1623, longitude: 4.6195 },
  beaucaire: { code: '30032', name: 'Beaucaire', postalCode: '30300', latitude: 43.808, longitude: 4.644 },
  vigan: { code: '30350', name: 'Le Vigan', postalCode: '30120', latitude: 43.991, longitude: 3.606 },
  pontDuGard: { code: '30346', name: 'Vers-Pont-du-Gard', postalCode: '30210', latitude: 43.9667, longitude: 4.5333 },
  stGilles: { code: '30258', name: 'Saint-Gilles', postalCode: '30800', latitude: 43.6786, longitude: 4.4317 },
  montpellier: { code: '34172', name: 'Montpellier', postalCode: '34000', latitude: 43.6108, longitude: 3.8767 },
  valence: { code: '26362', name: 'Valence', postalCode: '26000', latitude: 44.9334, longitude: 4.8924 },
  montelimar: { code: '26198', name: 'Montélimar', postalCode: '26200', latitude: 44.5581, longitude: 4.7509 },
  romans: { code: '26281', name: 'Romans-sur-Isère', postalCode: '26100', latitude: 45.043, longitude: 5.051 },
  die: { code: '26113', name: 'Die', postalCode: '26150', latitude: 44.7536, longitude: 5.37 },
  crest: { code: '26108', name: 'Crest', postalCode: '26400', latitude: 44.7283, longitude: 5.0225 },
  privas: { code: '07186', name: 'Privas', postalCode: '07000', latitude: 44.7353, longitude: 4.5992 },
  annonay: { code: '07010', name: 'Annonay', postalCode: '07100', latitude: 45.24, longitude: 4.6708 },
  aubenas: { code: '07019', name: 'Aubenas', postalCode: '07200', latitude: 44.62, longitude: 4.39 },
  tournon: { code: '07324', name: 'Tournon-sur-Rhône', postalCode: '07300', latitude: 45.0672, longitude: 4.8328 },
  lyon: { code: '69123', name: 'Lyon', postalCode: '69002', latitude: 45.764, longitude: 4.8357 },
};

interface DemoActor extends ActorChanges {
  key: DemoActorKey;
  place: Place;
}

const a = (key: DemoActorKey, place: Place, fields: ActorChanges): DemoActor => ({ key, place, ...fields });

/**
 * Every legal family, inclusion kind and sector named in DOMAIN.md appears at least once. An actor is filed under the
 * département of its commune (the rule of the registry): the regional heads of Montpellier and Lyon are under 34 and 69.
 */
export const DEMO_ACTORS: DemoActor[] = [
  // Gard (30)
  a('scic-gard-autonomie', P.nimes, { name: 'SCIC Gard et Autonomie', legalFormCode: '5710', legalFamily: LegalFamily.COOPERATIVE, nafCode: '88.10A', headcountBand: '11', sectors: ['action sociale', 'autonomie'], description: "Société coopérative d'intérêt collectif au capital de laquelle le Département du Gard a pris une participation : maintien à domicile et autonomie des personnes âgées et handicapées.", website: 'https://example.org/gard-autonomie' }),
  a('ess-gard', P.nimes, { name: 'ESS-Gard', legalFormCode: '9220', nafCode: '94.99Z', headcountBand: '01', sectors: ['animation de réseau'], description: "Association portant le réseau départemental de l'économie sociale et solidaire du Gard, premier noyau constitué avec le Département." }),
  a('jardins-cocagne-ales', P.ales, { name: "Les Jardins d'Insertion d'Alès", legalFormCode: '9221', inclusionType: InclusionType.ACI, nafCode: '01.13Z', headcountBand: '12', sectors: ['insertion', 'alimentation'], description: "Atelier chantier d'insertion en maraîchage biologique ; paniers solidaires pour les familles du bassin alésien.", esusApprovedOn: '2022-06-15' }),
  a('scop-mobilite-cevennes', P.ales, { name: 'Mobilité Cévennes SCOP', legalFormCode: '5458', nafCode: '49.32Z', headcountBand: '02', sectors: ['mobilité'], description: 'Coopérative de salariés : transport à la demande et covoiturage solidaire en zone rurale.' }),
  a('creche-uzes', P.uzes, { name: 'Crèche parentale Les Petits Pas', legalFormCode: '9220', nafCode: '88.91A', headcountBand: '03', sectors: ['petite enfance'], description: 'Crèche associative parentale en milieu rural.' }),
  a('epicerie-bagnols', P.bagnols, { name: 'Épicerie solidaire du Gard rhodanien', legalFormCode: '9220', nafCode: '47.11C', headcountBand: '01', sectors: ['alimentation', 'action sociale'], description: 'Épicerie sociale et solidaire : produits à prix réduits et ateliers cuisine.' }),
  a('mutuelle-gard', P.nimes, { name: 'Mutuelle des Garrigues', legalFormCode: '8210', nafCode: '65.12Z', headcountBand: '21', sectors: ['santé'], description: 'Mutuelle de santé régie par le code de la mutualité.' }),
  a('fondation-nimes', P.nimes, { name: 'Fondation Cévennes Solidarité', legalFormCode: '9300', nafCode: '88.99B', headcountBand: '11', sectors: ['action sociale'], description: 'Fondation reconnue d’utilité publique soutenant l’hébergement d’urgence.' }),
  a('esat-beaucaire', P.beaucaire, { name: 'ESAT du Rhône et des Costières', legalFormCode: '9220', inclusionType: InclusionType.ESAT, nafCode: '88.10C', headcountBand: '21', sectors: ['insertion', 'handicap', 'espaces verts'], description: "Établissement et service d'aide par le travail : entretien d'espaces verts, blanchisserie." }),
  a('ea-nimes', P.nimes, { name: 'Adapt’Services Gard', legalFormCode: '5710', essMember: true, inclusionType: InclusionType.EA, nafCode: '81.21Z', headcountBand: '12', sectors: ['handicap', 'propreté'], description: 'Entreprise adaptée de nettoyage et de logistique.', esusApprovedOn: '2021-03-01' }),
  a('etti-nimes', P.nimes, { name: 'Tremplin Intérim Gard', legalFormCode: '5499', essMember: true, inclusionType: InclusionType.ETTI, nafCode: '78.20Z', headcountBand: '11', sectors: ['insertion'], description: "Entreprise de travail temporaire d'insertion.", esusApprovedOn: '2019-09-10' }),
  a('ei-stgilles', P.stGilles, { name: 'Recyclerie de la Petite Camargue', legalFormCode: '5710', essMember: true, inclusionType: InclusionType.EI, nafCode: '38.32Z', headcountBand: '03', sectors: ['économie circulaire', 'insertion'], description: "Entreprise d'insertion : collecte, réparation et revente d'objets." }),
  a('ai-ales', P.ales, { name: 'Association intermédiaire Cévennes Emploi', legalFormCode: '9222', inclusionType: InclusionType.AI, nafCode: '78.30Z', headcountBand: '02', sectors: ['insertion', 'services à la personne'] }),
  a('eiti-vigan', P.vigan, { name: 'Cévennes Travail Indépendant', legalFormCode: '9220', inclusionType: InclusionType.EITI, nafCode: '82.99Z', headcountBand: '01', sectors: ['insertion'] }),
  a('geiq-gard', P.pontDuGard, { name: 'GEIQ BTP Gard', legalFormCode: '9223', inclusionType: InclusionType.GEIQ, nafCode: '78.30Z', headcountBand: '02', sectors: ['bâtiment', 'insertion'] }),
  a('cuma-vigan', P.vigan, { name: 'CUMA des Causses et Cévennes', legalFormCode: '6316', nafCode: '01.61Z', headcountBand: '00', sectors: ['agriculture'] }),
  a('coop-agricole-stgilles', P.stGilles, { name: 'Coopérative viticole de Saint-Gilles', legalFormCode: '6317', nafCode: '11.02B', headcountBand: '12', sectors: ['agriculture', 'alimentation'] }),
  a('tiers-lieu-vigan', P.vigan, { name: 'La Filature, tiers-lieu du Vigan', legalFormCode: '5499', legalFamily: LegalFamily.COOPERATIVE, nafCode: '68.20B', headcountBand: '01', sectors: ['tiers-lieu', 'numérique'], description: 'SCIC gérant un tiers-lieu : espace de travail partagé, fablab, café associatif.' }),
  a('mobilite-pontdugard', P.pontDuGard, { name: 'Roulons Solidaire', legalFormCode: '9220', nafCode: '77.21Z', headcountBand: '01', sectors: ['mobilité'], description: 'Location de vélos et garage solidaire.' }),
  a('ancienne-asso-uzes', P.uzes, { name: 'Les Amis du Duché (dissoute)', legalFormCode: '9220', nafCode: '94.99Z', headcountBand: 'NN', status: ActorStatus.CEASED, sectors: ['culture'] }),
  // Regional heads sit outside the three départements; the département that registered them owns their record.
  a('cress-occitanie', P.montpellier, { name: 'CRESS Occitanie', legalFormCode: '9220', nafCode: '94.99Z', headcountBand: '12', sectors: ['animation de réseau'], description: "Chambre régionale de l'économie sociale et solidaire d'Occitanie." }),
  // Drôme (26) and Ardèche (07)
  a('pole-sud', P.valence, { name: 'Pôle Sud – Pôle de coopération et d’initiatives Sud Rhône-Alpes', legalFormCode: '9220', nafCode: '94.99Z', headcountBand: '02', sectors: ['animation de réseau', 'coopération'], description: 'Pôle territorial de coopération économique (PTCE) regroupant des têtes de réseau : CRESS, COORACE, ADIE, URSCOP, groupe ARCHER, IEDV.' }),
  a('cress-aura', P.lyon, { name: 'CRESS Auvergne-Rhône-Alpes', legalFormCode: '9220', nafCode: '94.99Z', headcountBand: '12', sectors: ['animation de réseau'] }),
  a('coorace-aura', P.lyon, { name: 'COORACE Auvergne-Rhône-Alpes', legalFormCode: '9220', nafCode: '94.99Z', headcountBand: '02', sectors: ['insertion', 'animation de réseau'] }),
  a('adie-valence', P.valence, { name: 'ADIE – Association pour le droit à l’initiative économique (Valence)', legalFormCode: '9230', nafCode: '64.92Z', headcountBand: '02', sectors: ['microcrédit', 'création d’activité'] }),
  a('urscop-aura', P.lyon, { name: 'URSCOP Auvergne-Rhône-Alpes', legalFormCode: '9220', nafCode: '94.11Z', headcountBand: '11', sectors: ['coopération', 'animation de réseau'] }),
  a('groupe-archer', P.romans, { name: 'Groupe ARCHER', legalFormCode: '5710', essMember: true, nafCode: '70.10Z', headcountBand: '22', sectors: ['insertion', 'industrie', 'sous-traitance'], description: "Groupe d'entreprises d'économie sociale de Romans-sur-Isère : insertion, relocalisation industrielle, pôle de sous-traitance.", esusApprovedOn: '2023-01-20' }),
  a('iedv', P.valence, { name: 'IEDV – Initiatives Emploi Drôme Vivarais', legalFormCode: '9220', nafCode: '88.99B', headcountBand: '03', sectors: ['emploi', 'animation de réseau'] }),
  a('cae-valence', P.valence, { name: 'Coopérative d’activité et d’emploi Drôme-Ardèche', legalFormCode: '5558', nafCode: '70.22Z', headcountBand: '12', sectors: ['création d’activité'], description: "Coopérative d'activité et d'emploi : des entrepreneurs salariés testent et développent leur activité." }),
  a('scop-bois-privas', P.privas, { name: 'Bois Vivarais SCOP', legalFormCode: '5458', nafCode: '16.10A', headcountBand: '03', sectors: ['filière bois'] }),
  a('recyclerie-aubenas', P.aubenas, { name: 'Ressourcerie du Pays d’Aubenas', legalFormCode: '9221', inclusionType: InclusionType.ACI, nafCode: '38.11Z', headcountBand: '12', sectors: ['gestion des déchets', 'insertion'] }),
  a('services-annonay', P.annonay, { name: 'Aide à domicile du Haut-Vivarais', legalFormCode: '9220', nafCode: '88.10A', headcountBand: '21', sectors: ['services à la personne'] }),
  a('scop-reprise-montelimar', P.montelimar, { name: 'Nougaterie Coopérative de Montélimar', legalFormCode: '5558', nafCode: '10.82Z', headcountBand: '11', sectors: ['industrie', 'alimentation'], description: 'Entreprise reprise par ses salariés sous forme de SCOP.' }),
  a('pool-soustraitance-tournon', P.tournon, { name: 'Pôle de sous-traitance Rhône-Vivarais', legalFormCode: '9220', nafCode: '82.99Z', headcountBand: '01', sectors: ['sous-traitance', 'coopération'] }),
  a('mobilite-die', P.die, { name: 'Diois Mobilités', legalFormCode: '9220', nafCode: '49.39B', headcountBand: '01', sectors: ['mobilité'] }),
  a('mutuelle-crest', P.crest, { name: 'Mutuelle Drôme Provençale', legalFormCode: '8290', nafCode: '65.12Z', headcountBand: '03', sectors: ['santé'] }),
  // A company outside the ESS (family OTHER): axis 3 of the 2008 assembly, takeover by the employees.
  a('menuiserie-tournon', P.tournon, { name: 'Menuiserie du Vivarais', legalFormCode: '5499', essMember: false, nafCode: '16.23Z', headcountBand: '11', sectors: ['filière bois', 'reprise par les salariés'], description: 'SARL dont le gérant part à la retraite : projet de reprise par les salariés en SCOP.' }),
];

interface DemoNetwork {
  key: string;
  name: string;
  acronym?: string;
  kind: NetworkKind;
  authority: string | null;
  carrier: DemoActorKey | null;
  description: string;
  members: DemoActorKey[];
}

export const DEMO_NETWORKS: DemoNetwork[] = [
  {
    key: 'ess-gard',
    name: 'Réseau ESS-Gard',
    acronym: 'ESS-Gard',
    kind: NetworkKind.DEPARTMENTAL,
    authority: '30',
    carrier: 'ess-gard',
    description: "Réseau départemental de l'ESS du Gard, dont le Département a soutenu le premier noyau.",
    members: ['scic-gard-autonomie', 'jardins-cocagne-ales', 'scop-mobilite-cevennes', 'creche-uzes', 'epicerie-bagnols', 'esat-beaucaire', 'ea-nimes', 'ei-stgilles', 'ai-ales', 'geiq-gard', 'tiers-lieu-vigan', 'mobilite-pontdugard', 'cress-occitanie'],
  },
  {
    key: 'pole-sud',
    name: 'Pôle Sud',
    acronym: 'Pôle Sud',
    kind: NetworkKind.PTCE,
    authority: '26',
    carrier: 'pole-sud',
    description: "Pôle de coopération et d'initiatives Sud Rhône-Alpes, sur lequel s'appuient la Drôme et l'Ardèche.",
    members: ['cress-aura', 'coorace-aura', 'adie-valence', 'urscop-aura', 'groupe-archer', 'iedv', 'cae-valence', 'pool-soustraitance-tournon'],
  },
  { key: 'cress-occitanie', name: 'CRESS Occitanie', acronym: 'CRESS', kind: NetworkKind.NETWORK_HEAD, authority: null, carrier: 'cress-occitanie', description: "Tête de réseau régionale de l'ESS en Occitanie.", members: ['ess-gard', 'mutuelle-gard', 'fondation-nimes', 'scic-gard-autonomie'] },
  { key: 'cress-aura', name: 'CRESS Auvergne-Rhône-Alpes', acronym: 'CRESS AURA', kind: NetworkKind.NETWORK_HEAD, authority: null, carrier: 'cress-aura', description: "Tête de réseau régionale de l'ESS en Auvergne-Rhône-Alpes.", members: ['pole-sud', 'mutuelle-crest', 'services-annonay'] },
  { key: 'urscop', name: 'URSCOP Auvergne-Rhône-Alpes', acronym: 'URSCOP', kind: NetworkKind.NETWORK_HEAD, authority: null, carrier: 'urscop-aura', description: 'Union régionale des SCOP et SCIC.', members: ['cae-valence', 'scop-bois-privas', 'scop-reprise-montelimar'] },
  { key: 'coorace', name: 'COORACE Auvergne-Rhône-Alpes', acronym: 'COORACE', kind: NetworkKind.NETWORK_HEAD, authority: null, carrier: 'coorace-aura', description: "Fédération de l'insertion par l'activité économique.", members: ['recyclerie-aubenas', 'iedv'] },
  { key: 'adie', name: 'ADIE', acronym: 'ADIE', kind: NetworkKind.NETWORK_HEAD, authority: null, carrier: 'adie-valence', description: 'Réseau du microcrédit accompagné.', members: [] },
];

const DEMO_CONTACTS: Array<{ actor: DemoActorKey; firstName: string; lastName: string; role: string; email: string; phone: string }> = [
  { actor: 'scic-gard-autonomie', firstName: 'Camille', lastName: 'Démo-Fabre', role: 'Directrice', email: 'camille.fabre@example.org', phone: '04 66 00 00 01' },
  { actor: 'ess-gard', firstName: 'Julien', lastName: 'Démo-Roux', role: 'Coordinateur', email: 'julien.roux@example.org', phone: '04 66 00 00 02' },
  { actor: 'jardins-cocagne-ales', firstName: 'Nadia', lastName: 'Démo-Benali', role: 'Encadrante technique', email: 'nadia.benali@example.org', phone: '04 66 00 00 03' },
  { actor: 'pole-sud', firstName: 'Thomas', lastName: 'Démo-Chabert', role: 'Délégué général', email: 'thomas.chabert@example.org', phone: '04 75 00 00 04' },
  { actor: 'groupe-archer', firstName: 'Élise', lastName: 'Démo-Morel', role: 'Responsable partenariats', email: 'elise.morel@example.org', phone: '04 75 00 00 05' },
];

export const demoActorId = (key: DemoActorKey) => demoActor(key).id;
export const demoNetworkId = (key: string) => demoId(`network:${key}`);

/** Loads the demo data once: when the registry is empty. */
export async function seedDemoData(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    // Replicas starting together: one loads the data, the others wait for its commit here and then find it.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('actors.demo-data'))`);
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM actors.actor');
    if (count > 0) return;
    const actors = DEMO_ACTORS.map((demo) => {
      const { key, place, essMember, ...fields } = demo;
      const { values, problems } = applyActorChanges(null, {
        // The demo actors are ESS structures unless said otherwise (procurement's DEMO_ESS_STATUS says the same).
        essStatus: essMember === false ? EssStatus.NOT_ESS : EssStatus.ESS,
        siret: demoActor(key).siret,
        communeCode: place.code,
        communeName: place.name,
        postalCode: place.postalCode,
        latitude: place.latitude,
        longitude: place.longitude,
        ...fields,
      });
      if (problems.length) throw new Error(`Demo actor ${key} is invalid: ${JSON.stringify(problems)}`);
      return { id: demoActorId(key), ...values };
    });
    await manager.createQueryBuilder().insert().into(Actor).values(actors).execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(Network)
      .values(
        DEMO_NETWORKS.map((n) => ({
          id: demoNetworkId(n.key),
          name: n.name,
          acronym: n.acronym ?? null,
          kind: n.kind,
          authorityCode: n.authority,
          description: n.description,
          carrierActorId: n.carrier ? demoActorId(n.carrier) : null,
        })),
      )
      .execute();
    const memberships = DEMO_NETWORKS.flatMap((n) => n.members.map((m) => ({ networkId: demoNetworkId(n.key), actorId: demoActorId(m), joinedOn: '2024-03-08' })));
    await manager.createQueryBuilder().insert().into(NetworkMembership).values(memberships).execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(Contact)
      .values(DEMO_CONTACTS.map(({ actor, ...c }) => ({ actorId: demoActorId(actor), ...c })))
      .execute();
    await recordAudit(manager, 'actors', { identity: SYSTEM, requestId: 'demo-data' }, actors.map((actor) => ({ entity: 'Actor', entityId: actor.id, action: 'create' as const, after: actor })));
  });
}
