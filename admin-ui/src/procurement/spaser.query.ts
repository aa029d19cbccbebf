// Typed documents of the SPASER screens: a year's indicators of an authority against its SPASER and the PNAD.
import { graphql, type ResultOf } from '../graphql/tada';

export const ProcurementIndicatorsQuery = graphql(`
  query ProcurementIndicators($authority: String!, $year: Int!) {
    procurementIndicators(authority: $authority, year: $year) {
      authority
      year
      contractCount
      totalAmount
      socialConsiderationCount
      socialConsiderationShare
      environmentalConsiderationCount
      environmentalConsiderationShare
      reservedContractCount
      insertionHoursPlanned
      insertionHoursAchieved
      essAmount
      essSpendShare
      essContractCount
      spaserPlan {
        id
        title
        status
        adoptedOn
        periodStart
        periodEnd
        version
        objectives {
          id
          targetValue
          targetYear
          baselineValue
          baselineYear
          description
          indicatorKind {
            code
            label
            unit
          }
        }
      }
      indicators {
        kind {
          code
          label
          unit
          nationalTarget {
            value
            year
            source
          }
        }
        value
        spaserTarget {
          source
          targetValue
          targetYear
          expectedValue
          status
        }
        nationalTarget {
          source
          targetValue
          targetYear
          expectedValue
          status
        }
      }
    }
  }
`);

export type Indicators = NonNullable<ResultOf<typeof ProcurementIndicatorsQuery>['procurementIndicators']>;

export const SpaserPlanAuthorityQuery = graphql(`
  query SpaserPlanAuthority($id: ID!) {
    spaserPlan(id: $id) {
      id
      authorityCode
      periodStart
      periodEnd
    }
  }
`);
