// The actor registry's GraphQL documents: the list (a page at a time), its export, the networks of the filter, one
// actor with what the other subgraphs say about it, and the mutations. Types come from the schema (gql.tada).
import { HistoryEntryFragment } from '../ui/HistoryPanel';
import { graphql, type ResultOf, type VariablesOf } from '../graphql/tada';

export const ActorsQuery = graphql(`
  query AdminActors($first: Int, $after: String, $filter: ActorFilter, $orderBy: ActorOrder) {
    actors(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      edges {
        cursor
        node {
          id
          version
          name
          legalForm {
            code
            family
            label
          }
          siret
          authorityCode
          address {
            communeName
            postalCode
          }
          inclusionType
          essMember
          esus {
            valid
          }
          networks {
            id
            name
          }
          sectors
          status
          archivedAt
          updatedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export type ActorsQueryData = ResultOf<typeof ActorsQuery>;
export type ActorsQueryVariables = VariablesOf<typeof ActorsQuery>;
export type ActorListItem = NonNullable<ActorsQueryData['actors']>['edges'][number]['node'];

/** Every matching actor for an export, 500 at a time (the server's largest page). */
export const ActorsExportQuery = graphql(`
  query AdminActorsExport($first: Int, $after: String, $filter: ActorFilter, $orderBy: ActorOrder) {
    actors(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      nodes {
        id
        name
        siren
        siret
        rna
        legalForm {
          code
          family
          label
        }
        authorityCode
        address {
          street
          postalCode
          communeCode
          communeName
        }
        nafCode
        headcount {
          code
          label
        }
        inclusionType
        essMember
        esus {
          approvedOn
          expiresOn
          valid
        }
        networks {
          id
          name
        }
        sectors
        status
        archivedAt
        website
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export type ActorExportRow = NonNullable<ResultOf<typeof ActorsExportQuery>['actors']>['nodes'][number];

/** The networks offered by the list's network filter. */
export const ActorNetworksQuery = graphql(`
  query AdminActorNetworks {
    networks(first: 500) {
      nodes {
        id
        name
        acronym
        authorityCode
      }
    }
  }
`);

/** The fields a person edits, as the form reads them back. */
export const ActorFormFragment = graphql(`
  fragment ActorFormFields on Actor {
    id
    version
    name
    siren
    siret
    rna
    legalForm {
      code
      family
      label
    }
    essMember
    essStatus
    esus {
      approvedOn
      expiresOn
      valid
    }
    inclusionType
    nafCode
    headcount {
      code
      label
    }
    address {
      street
      postalCode
      communeCode
      communeName
    }
    authorityCode
    website
    description
    sectors
    status
    archivedAt
    updatedAt
  }
`);

export const ActorEditQuery = graphql(
  `
    query AdminActorEdit($id: ID!) {
      actor(id: $id) {
        ...ActorFormFields
      }
    }
  `,
  [ActorFormFragment],
);

export const ActorDetailQuery = graphql(
  `
    query AdminActor($id: ID!) {
      actor(id: $id) {
        ...ActorFormFields
        createdAt
        location {
          latitude
          longitude
        }
        networks {
          id
          name
          acronym
          kind
        }
        contacts {
          id
          actorId
          firstName
          lastName
          role
          email
          phone
          erasedAt
          version
        }
        agreements(first: 20) {
          totalCount
          nodes {
            id
            object
            amount
            status
            signedOn
          }
        }
        awardedContracts(first: 20) {
          totalCount
          nodes {
            id
            object
            amount
            notifiedOn
            nature
          }
        }
        awardedAmount
        commonsApplications(first: 20) {
          totalCount
          nodes {
            id
            title
            status
          }
        }
        maintainedCommons(first: 20) {
          totalCount
          nodes {
            id
            name
            status
          }
        }
        partnerActions(first: 20) {
          totalCount
          nodes {
            id
            title
            status
          }
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
  [ActorFormFragment, HistoryEntryFragment],
);

export const CreateActorMutation = graphql(
  `
    mutation AdminCreateActor($input: CreateActorInput!) {
      createActor(input: $input) {
        ...ActorFormFields
      }
    }
  `,
  [ActorFormFragment],
);

export const UpdateActorMutation = graphql(
  `
    mutation AdminUpdateActor($id: ID!, $version: Int!, $input: UpdateActorInput!) {
      updateActor(id: $id, version: $version, input: $input) {
        ...ActorFormFields
      }
    }
  `,
  [ActorFormFragment],
);

export const ArchiveActorMutation = graphql(`
  mutation AdminArchiveActor($id: ID!, $version: Int!) {
    archiveActor(id: $id, version: $version) {
      id
      version
      archivedAt
      updatedAt
    }
  }
`);

export const RestoreActorMutation = graphql(`
  mutation AdminRestoreActor($id: ID!, $version: Int!) {
    restoreActor(id: $id, version: $version) {
      id
      version
      archivedAt
      updatedAt
    }
  }
`);

export const ImportActorsMutation = graphql(`
  mutation AdminImportActors($csv: String!, $authority: String!, $dryRun: Boolean!, $skipInvalidRows: Boolean!) {
    importActors(csv: $csv, authority: $authority, dryRun: $dryRun, skipInvalidRows: $skipInvalidRows) {
      applied
      dryRun
      layout
      rows
      created
      updated
      unchanged
      skipped
      errors {
        line
        siret
        column
        message
      }
    }
  }
`);

export type ImportReport = ResultOf<typeof ImportActorsMutation>['importActors'];

/** The contacts of an actor alone: read again after a conflict, to compare with what the person typed. */
export const ActorContactsQuery = graphql(`
  query AdminActorContacts($id: ID!) {
    actor(id: $id) {
      id
      contacts {
        id
        actorId
        firstName
        lastName
        role
        email
        phone
        erasedAt
        version
      }
    }
  }
`);

export type ContactItem = NonNullable<NonNullable<ResultOf<typeof ActorContactsQuery>['actor']>['contacts']>[number];

export const CreateContactMutation = graphql(`
  mutation AdminCreateContact($actorId: ID!, $input: ContactInput!) {
    createContact(actorId: $actorId, input: $input) {
      id
      actorId
      firstName
      lastName
      role
      email
      phone
      erasedAt
      version
    }
  }
`);

export const UpdateContactMutation = graphql(`
  mutation AdminUpdateContact($id: ID!, $version: Int!, $input: ContactInput!) {
    updateContact(id: $id, version: $version, input: $input) {
      id
      actorId
      firstName
      lastName
      role
      email
      phone
      erasedAt
      version
    }
  }
`);

export const DeleteContactMutation = graphql(`
  mutation AdminDeleteContact($id: ID!, $version: Int!) {
    deleteContact(id: $id, version: $version)
  }
`);

export const EraseContactMutation = graphql(`
  mutation AdminEraseContact($id: ID!, $version: Int!, $reason: String!) {
    eraseContact(id: $id, version: $version, reason: $reason) {
      id
      actorId
      version
      erasedAt
    }
  }
`);

export const AddNetworkMemberMutation = graphql(`
  mutation AdminAddNetworkMember($actorId: ID!, $networkId: ID!) {
    addNetworkMember(actorId: $actorId, networkId: $networkId) {
      id
    }
  }
`);

export const RemoveNetworkMemberMutation = graphql(`
  mutation AdminRemoveNetworkMember($actorId: ID!, $networkId: ID!) {
    removeNetworkMember(actorId: $actorId, networkId: $networkId) {
      id
    }
  }
`);

/** A SIRENE import run as a job (a chosen file goes through the upload): followed until it ends. */
export const ActorsJobQuery = graphql(`
  query AdminActorsJob($id: ID!) {
    actorsJob(id: $id) {
      id
      status
      progress {
        done
        total
      }
      result
      error {
        code
        message
      }
    }
  }
`);
