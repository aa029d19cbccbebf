// Per-request DataLoaders of procurement: every field that reaches into another table goes through one of these.
import { childPagesLoader, historyLoader, manyByKeyLoader, oneByKeyLoader, rowsByKeys } from '@ess/kit';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Buyer } from './buyer/buyer.entity';
import { Contract, ContractAwardee, ContractModification } from './contract/contract.entity';
import { EssActor } from './ess/ess-actor.entity';
import { IndicatorKind, SpaserObjective, SpaserPlan } from './spaser/spaser.entity';

export function createLoaders(dataSource: DataSource) {
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
    buyerByIdLoader: oneByKeyLoader<string, Buyer>((ids) => rowsByKeys(dataSource, Buyer, 'id', ids), (b) => b.id),
    contractByIdLoader: oneByKeyLoader<string, Contract>((ids) => rowsByKeys(dataSource, Contract, 'id', ids), (c) => c.id),
    spaserPlanByIdLoader: oneByKeyLoader<string, SpaserPlan>((ids) => rowsByKeys(dataSource, SpaserPlan, 'id', ids), (p) => p.id),
    indicatorKindByCodeLoader: oneByKeyLoader<string, IndicatorKind>((codes) => rowsByKeys(dataSource, IndicatorKind, 'code', codes, { uuid: false }), (k) => k.code),
    essActorBySiretLoader: oneByKeyLoader<string, EssActor>((sirets) => rowsByKeys(dataSource, EssActor, 'siret', sirets, { uuid: false }), (e) => e.siret),

    /** Every awardee of each contract, initial and after modifications: the fields pick theirs from the same rows. */
    awardeesByContractIdLoader: manyByKeyLoader<string, ContractAwardee>(async (contractIds) => {
      const rows = await rowsByKeys(dataSource, ContractAwardee, 'contract_id', contractIds, { orderBy: 'r.position, r.id' });
      return rows.map((row) => ({ key: row.contractId, value: row }));
    }),

    modificationsByContractIdLoader: manyByKeyLoader<string, ContractModification>(async (contractIds) => {
      const rows = await rowsByKeys(dataSource, ContractModification, 'contract_id', contractIds, { orderBy: 'r.decp_modification_id' });
      return rows.map((row) => ({ key: row.contractId, value: row }));
    }),

    objectivesByPlanIdLoader: manyByKeyLoader<string, SpaserObjective>(async (planIds) => {
      const rows = await rowsByKeys(dataSource, SpaserObjective, 'plan_id', planIds, { orderBy: 'r.target_year, r.indicator_kind, r.id' });
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
     * statement (see the kit's child-pages.ts).
     */
    awardedContractsPageLoader: childPagesLoader<Contract>(dataSource, {
      entity: Contract,
      from: '(SELECT DISTINCT siret, contract_id FROM procurement.contract_awardee) x JOIN procurement.contract c ON c.id = x.contract_id',
      parent: 'x.siret',
      uuidParents: false,
      sort: { sql: 'c.notified_on', type: 'date', direction: 'DESC' },
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
