// The import of an ESS map (GoGoCarto, Carteco): one mutation for the preview (dry run) and the confirmation.
import { graphql, type ResultOf, type VariablesOf } from '../graphql/tada';

export const ImportMapMutation = graphql(`
  mutation AdminImportMap(
    $json: String!
    $authority: String!
    $source: String!
    $decisions: [MapImportDecision!]
    $dryRun: Boolean!
    $skipInvalidRows: Boolean!
  ) {
    importMap(
      json: $json
      authority: $authority
      source: $source
      decisions: $decisions
      dryRun: $dryRun
      skipInvalidRows: $skipInvalidRows
    ) {
      applied
      dryRun
      source
      elements
      created
      updated
      linked
      unchanged
      skipped
      needsDecision
      unmappedCategories
      errors {
        index
        sourceId
        field
        message
      }
      items {
        index
        sourceId
        name
        postalCode
        communeName
        outcome
        actorId
        categories
        sectors
        hasContact
        candidates {
          actorId
          name
          siret
          postalCode
          communeName
          reason
        }
      }
    }
  }
`);

export type MapImportReport = ResultOf<typeof ImportMapMutation>['importMap'];
export type MapDecision = NonNullable<VariablesOf<typeof ImportMapMutation>['decisions']>[number];
