// Per-request DataLoaders of procurement: every field that reaches into another table goes through one of these.
import { BadInputError, decodeCursor, encodeCursor, historyLoader, isUuid, manyByKeyLoader, oneByKeyLoader, type Edge, type Page } from '@ess/kit';
import DataLoader from 'dataloader';
import { In, type DataSource, type FindOptionsWhere, type Repository } from 'typeorm';
import { Buyer } from './buyer/buyer.entity';
import { Contract, ContractAwardee, ContractModification } from './contract/contract.entity';
import { EssActor } from './ess/ess-actor.entity';
import { IndicatorKind, SpaserObjective, SpaserPlan } from './spaser/spaser.entity';

/** Rows by id, skipping ids that are not UUIDs (they match nothing) and sending no statement for none. */
async function byIds<T extends { id: string }>(repository: Repository<T>, ids: readonly string[]): Promise<T[]> {
  const valid = ids.filter(isUuid);
  return valid.length ? repository.findBy({ id: In(valid) } as FindOptionsWhere<T>) : [];
}

export interface AwardedPageKey {
  siret: string;
  first: number;
  after: string | null;
}

const awardedKey = (key: AwardedPageKey) => `${key.siret}|${key.first}|${key.after ?? ''}`;

/** The (notification date, id) of a cursor of an actor's contracts, or nulls when it is not one this list returned. */
function decodeAwardedCursor(cursor: string): [string, string] | [null, null] {
  try {
    const [date, id] = decodeCursor(cursor, 'after');
    return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) && isUuid(id) ? [date, id] : [null, null];
  } catch {
    return [null, null];
  }
}

export function createLoaders(dataSource: DataSource) {
  const contracts = dataSource.getRepository(Contract);

  const awardedCountBySiretLoader = new DataLoader<string, number>(async (sirets) => {
    const rows: Array<{ siret: string; count: number }> = await dataSource.query(
      `SELECT siret, count(DISTINCT contract_id)::int AS count FROM procurement.contract_awardee WHERE siret = ANY($1) GROUP BY siret`,
      [sirets],
    );
    const counts = new Map(rows.map((row) => [row.siret, row.count]));
    return sirets.map((siret) => counts.get(siret) ?? 0);
  });

  return {
    historyLoader: historyLoader(dataSource, 'procurement'),
    buyerByIdLoader: oneByKeyLoader<string, Buyer>((ids) => byIds(dataSource.getRepository(Buyer), ids), (b) => b.id),
    contractByIdLoader: oneByKeyLoader<string, Contract>((ids) => byIds(contracts, ids), (c) => c.id),
    spaserPlanByIdLoader: oneByKeyLoader<string, SpaserPlan>((ids) => byIds(dataSource.getRepository(SpaserPlan), ids), (p) => p.id),
    indicatorKindByCodeLoader: oneByKeyLoader<string, IndicatorKind>((codes) => dataSource.getRepository(IndicatorKind).findBy({ code: In([...codes]) }), (k) => k.code),
    essActorBySiretLoader: oneByKeyLoader<string, EssActor>((sirets) => dataSource.getRepository(EssActor).findBy({ siret: In([...sirets]) }), (e) => e.siret),

    /** Every awardee of each contract, initial and after modifications: the fields pick theirs from the same rows. */
    awardeesByContractIdLoader: manyByKeyLoader<string, ContractAwardee>(async (contractIds) => {
      const rows = await dataSource.getRepository(ContractAwardee).find({ where: { contractId: In([...contractIds]) }, order: { position: 'ASC', id: 'ASC' } });
      return rows.map((row) => ({ key: row.contractId, value: row }));
    }),

    modificationsByContractIdLoader: manyByKeyLoader<string, ContractModification>(async (contractIds) => {
      const rows = await dataSource.getRepository(ContractModification).find({ where: { contractId: In([...contractIds]) }, order: { decpId: 'ASC' } });
      return rows.map((row) => ({ key: row.contractId, value: row }));
    }),

    objectivesByPlanIdLoader: manyByKeyLoader<string, SpaserObjective>(async (planIds) => {
      const rows = await dataSource.getRepository(SpaserObjective).find({ where: { planId: In([...planIds]) }, order: { targetYear: 'ASC', indicatorKindCode: 'ASC', id: 'ASC' } });
      return rows.map((row) => ({ key: row.planId, value: row }));
    }),

    awardedCountBySiretLoader,

    /** Current amount of the contracts each SIRET holds today, shared evenly with its co-awardees. */
    awardedAmountBySiretLoader: new DataLoader<string, number>(async (sirets) => {
      const rows: Array<{ siret: string; amount: string }> = await dataSource.query(
        `SELECT a.siret, sum(c.current_amount / n.awardees) AS amount
         FROM procurement.contract_awardee a
         JOIN procurement.contract c ON c.id = a.contract_id
         JOIN (SELECT contract_id, count(*) AS awardees FROM procurement.contract_awardee
               WHERE is_current AND contract_id IN (SELECT contract_id FROM procurement.contract_awardee WHERE siret = ANY($1))
               GROUP BY contract_id) n ON n.contract_id = a.contract_id
         WHERE a.siret = ANY($1) AND a.is_current
         GROUP BY a.siret`,
        [sirets],
      );
      const amounts = new Map(rows.map((row) => [row.siret, Math.round(Number(row.amount) * 100) / 100]));
      return sirets.map((siret) => amounts.get(siret) ?? 0);
    }),

    /**
     * A page of the contracts each SIRET was awarded (initially or by a modification), newest first, all SIRETs in one
     * statement: a window numbers each SIRET's contracts after the cursor and only the first rows of each are kept.
     */
    awardedContractsPageLoader: new DataLoader<AwardedPageKey, Page<Contract>, string>(
      async (keys) => {
        const groups = new Map<string, AwardedPageKey[]>();
        for (const key of keys) groups.set(`${key.first}|${key.after ?? ''}`, [...(groups.get(`${key.first}|${key.after ?? ''}`) ?? []), key]);
        const pages = new Map<string, Page<Contract> | Error>();
        for (const group of groups.values()) {
          const { first, after } = group[0];
          const params: unknown[] = [group.map((k) => k.siret), first + 1];
          let cursorCondition = '';
          if (after) {
            const [date, id] = decodeAwardedCursor(after);
            if (date === null) {
              for (const key of group) pages.set(awardedKey(key), BadInputError.field('after', 'is not a cursor returned by this list'));
              continue;
            }
            params.push(date, id);
            cursorCondition = 'AND (c.notified_on, c.id) < ($3::date, $4::uuid)';
          }
          const rows: Array<{ siret: string; id: string }> = await dataSource.query(
            `SELECT siret, id FROM (
               SELECT x.siret, c.id, row_number() OVER (PARTITION BY x.siret ORDER BY c.notified_on DESC, c.id DESC) AS rank
               FROM (SELECT DISTINCT siret, contract_id FROM procurement.contract_awardee WHERE siret = ANY($1)) x
               JOIN procurement.contract c ON c.id = x.contract_id
               WHERE true ${cursorCondition}
             ) ranked WHERE rank <= $2 ORDER BY siret, rank`,
            params,
          );
          const found = rows.length ? await contracts.findBy({ id: In([...new Set(rows.map((r) => r.id))]) }) : [];
          const byId = new Map(found.map((c) => [c.id, c]));
          for (const key of group) {
            const ids = rows.filter((r) => r.siret === key.siret).map((r) => r.id);
            const more = ids.length > first;
            const edges: Edge<Contract>[] = ids.slice(0, first).map((id) => {
              const node = byId.get(id) as Contract;
              return { node, cursor: encodeCursor([node.notifiedOn, node.id]) };
            });
            pages.set(awardedKey(key), {
              edges,
              pageInfo: { hasNextPage: more, hasPreviousPage: Boolean(after), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
              totalCount: () => awardedCountBySiretLoader.load(key.siret),
            });
          }
        }
        return keys.map((key) => pages.get(awardedKey(key)) as Page<Contract> | Error);
      },
      { cacheKeyFn: awardedKey },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
