// The SCDL import of a département's subsidies file: the actions to file them under, and the import (preview, then apply).
import { graphql, type ResultOf } from '../graphql/tada';

export const ScdlImportActionsQuery = graphql(`
  query AdminScdlImportActions($planId: ID!) {
    plan(id: $planId) {
      id
      actions(first: 500) {
        nodes {
          id
          title
        }
      }
    }
  }
`);

export const ImportScdlMutation = graphql(`
  mutation AdminImportScdl($authority: String!, $actionId: ID!, $file: String!, $dryRun: Boolean!, $skipInvalidRows: Boolean!) {
    importScdl(authority: $authority, actionId: $actionId, file: $file, dryRun: $dryRun, skipInvalidRows: $skipInvalidRows) {
      applied
      dryRun
      encoding
      delimiter
      rows
      created
      updated
      unchanged
      skipped
      linked
      ignoredColumns
      errors {
        line
        column
        value
        message
      }
      unlinked {
        line
        column
        value
        message
      }
      preview {
        line
        outcome
        beneficiaryName
        beneficiarySiret
        beneficiaryRna
        signedOn
        amount
      }
    }
  }
`);

export type ScdlImportReport = ResultOf<typeof ImportScdlMutation>['importScdl'];
