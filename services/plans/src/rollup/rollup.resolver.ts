// Links of the roll-up rows to the records they total.
import { Role } from '@ess/kit';
import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Axis } from '../axis/axis.entity';
import type { Context } from '../connections';
import { AgreementTotal } from './rollup.types';

@Resolver(() => AgreementTotal)
export class AgreementTotalResolver {
  @Authorized(Role.Public)
  @FieldResolver(() => Axis, { nullable: true })
  axis(@Root() total: AgreementTotal, @Ctx() context: Context): Promise<Axis | null> {
    return context.loaders.axisByIdLoader.load(total.axisId);
  }
}
