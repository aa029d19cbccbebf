// Typed documents of the procurement workspace (contracts, buyers, DECP), checked against schema/api.graphql.
import { HistoryEntryFragment } from '../ui/HistoryPanel';
import { graphql, type ResultOf } from '../graphql/tada';

export const ContractRowFragment = graphql(`
  fragment ContractRow on Contract @_unmask {
    id
    version
    decpId
    object
    nature
    procedure
    cpvCode
    notifiedOn
    amount
    currentAmount
    durationMonths
    authorityCode
    hasSocialConsideration
    hasEnvironmentalConsideration
    reserved
    reservedBasis
    buyer {
      id
      name
    }
    currentAwardees {
      identifier
      name
      actor {
        id
        name
      }
      ess {
        essMember
        inclusionType
      }
    }
  }
`);

export const ContractsQuery = graphql(
  `
    query Contracts($filter: ContractFilter, $orderBy: ContractOrder, $first: Int, $after: String) {
      contracts(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...ContractRow
        }
      }
    }
  `,
  [ContractRowFragment],
);

export type ContractRow = ResultOf<typeof ContractRowFragment>;

export const BuyersQuery = graphql(`
  query Buyers($filter: BuyerFilter, $first: Int) {
    buyers(filter: $filter, first: $first) {
      totalCount
      nodes {
        id
        name
        siret
        authorityCode
        version
      }
    }
  }
`);

const AwardeeFields = graphql(`
  fragment AwardeeFields on ContractAwardee @_unmask {
    idType
    identifier
    name
    current
    actor {
      id
      name
    }
    ess {
      essMember
      inclusionType
      syncedAt
    }
  }
`);

export const ContractQuery = graphql(
  `
    query Contract($id: ID!) {
      contract(id: $id) {
        id
        version
        authorityCode
        decpId
        nature
        object
        cpvCode
        procedure
        notifiedOn
        publishedOn
        durationMonths
        currentDurationMonths
        amount
        currentAmount
        offersReceived
        subcontractingDeclared
        socialConsiderations
        environmentalConsiderations
        reservedBasis
        reserved
        hasSocialConsideration
        hasEnvironmentalConsideration
        insertionHoursPlanned
        insertionHoursAchieved
        buyer {
          id
          name
          siret
        }
        awardees {
          ...AwardeeFields
        }
        currentAwardees {
          ...AwardeeFields
        }
        modifications {
          id
          decpId
          object
          notifiedOn
          publishedOn
          durationMonths
          amount
          awardees {
            ...AwardeeFields
          }
        }
        subcontracts {
          decpId
          subcontractor {
            idType
            identifier
          }
          durationMonths
          notifiedOn
          amount
          priceVariation
        }
        subcontractModifications {
          subcontractId
          durationMonths
          notifiedOn
          amount
        }
        history(first: 20) {
          totalCount
          nodes {
            ...HistoryEntryFields
          }
        }
      }
    }
  `,
  [AwardeeFields, HistoryEntryFragment],
);

export type ContractDetail = NonNullable<ResultOf<typeof ContractQuery>['contract']>;
export type AwardeeView = ResultOf<typeof AwardeeFields>;

/** The fields an edit changes, selected back so that the cache shows them everywhere (never `history`). */
export const AddModificationMutation = graphql(`
  mutation AddContractModification($contractId: ID!, $version: Int!, $input: ModificationInput!) {
    addContractModification(contractId: $contractId, version: $version, input: $input) {
      id
      version
      currentAmount
      currentDurationMonths
      modifications {
        id
        decpId
        object
        notifiedOn
        publishedOn
        durationMonths
        amount
      }
    }
  }
`);

export const CreateContractMutation = graphql(`
  mutation CreateContract($input: CreateContractInput!) {
    createContract(input: $input) {
      id
      version
    }
  }
`);

export const UpdateContractMutation = graphql(`
  mutation UpdateContract($id: ID!, $version: Int!, $input: UpdateContractInput!) {
    updateContract(id: $id, version: $version, input: $input) {
      id
      version
      object
      cpvCode
      procedure
      nature
      amount
      currentAmount
      durationMonths
      notifiedOn
      socialConsiderations
      environmentalConsiderations
      reservedBasis
      reserved
      hasSocialConsideration
      hasEnvironmentalConsideration
      insertionHoursPlanned
      insertionHoursAchieved
    }
  }
`);

export const ImportDecpMutation = graphql(`
  mutation ImportDecp($authority: String!, $json: String!, $dryRun: Boolean!, $skipInvalidRecords: Boolean!, $completeMissing: Boolean!) {
    importDecp(authority: $authority, json: $json, dryRun: $dryRun, skipInvalidRecords: $skipInvalidRecords, completeMissing: $completeMissing) {
      applied
      dryRun
      records
      created
      updated
      unchanged
      skipped
      ignoredConcessions
      legacyRecords
      buyersCreated
      summary
      errors {
        index
        path
        decpId
        field
        value
        message
      }
      warnings {
        index
        path
        decpId
        field
        value
        message
      }
    }
  }
`);

export type DecpReport = ResultOf<typeof ImportDecpMutation>['importDecp'];

export const DecpExportQuery = graphql(`
  query DecpExport($authority: String!, $year: Int, $format: DecpExportFormat!) {
    decpExport(authority: $authority, year: $year, format: $format) {
      content
      filename
      contentType
      contractCount
      omitted {
        decpId
      }
    }
  }
`);
