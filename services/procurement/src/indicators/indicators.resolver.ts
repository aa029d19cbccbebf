// The dashboards' entry: aggregated procurement figures, public like the SPASER's yearly follow-up they make up.
import { Role } from '@ess/kit';
import { Arg, Authorized, ID, Int, Query, Resolver } from 'type-graphql';
import type { IndicatorsService } from './indicators.service';
import { ProcurementIndicators } from './indicators.types';

@Resolver()
export class IndicatorsResolver {
  constructor(private readonly service: IndicatorsService) {}

  // Aggregates only, computed from open data (DECP) and a public plan (SPASER): anonymous dashboards and read:metrics keys alike.
  @Authorized(Role.Public)
  @Query(() => ProcurementIndicators, { nullable: true, description: 'Indicators of the contracts an authority notified in a year, against its SPASER and the PNAD.' })
  procurementIndicators(
    @Arg('authority', () => String) authority: string,
    @Arg('year', () => Int) year: number,
    @Arg('buyer', () => ID, { nullable: true, description: 'Only this buyer’s contracts (a buyer of the authority).' }) buyer?: string | null,
  ): Promise<ProcurementIndicators> {
    return this.service.compute(authority, year, buyer ?? null);
  }
}
