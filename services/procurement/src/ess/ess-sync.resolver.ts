// The registry's way in: the platform publishes actors' ESS status here; staff can see where the projection stands.
import { Role, type RequestContext } from '@ess/kit';
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { EssActorInput } from './dto/ess-actor.input';
import type { EssSyncService } from './ess-sync.service';
import { EssActorSyncReport, EssActorSyncStatus } from './ess-sync.types';

@Resolver()
export class EssSyncResolver {
  constructor(private readonly service: EssSyncService) {}

  // The platform only: staff of one authority must not rewrite the ESS status of another's actors (issue 12).
  @Authorized(Role.System)
  @Mutation(() => EssActorSyncReport, {
    description: 'Receives actors from the registry (see docs/procurement-ess-sync.md): upserts their ESS status by SIRET, forgets removed ones. The platform itself only.',
  })
  syncEssActors(@Ctx() context: RequestContext, @Arg('actors', () => [EssActorInput]) actors: EssActorInput[]): Promise<EssActorSyncReport> {
    return this.service.sync(context, actors);
  }

  @Authorized(Role.Staff)
  @Query(() => EssActorSyncStatus, { nullable: true, description: 'How many registry actors procurement knows and when it last heard from the registry.' })
  essActorSync(): Promise<EssActorSyncStatus> {
    return this.service.status();
  }
}
