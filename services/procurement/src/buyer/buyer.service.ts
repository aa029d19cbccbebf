// Buyers: who may create and rename them (staff of their authority), versioned edits with their audit, the list.
import { BadInputError, lockForEdit, paginate, recordAudit, writeVersioned, type Page, type PageArgs, type RequestContext, assertCanWrite } from '@ess/kit';
import type { DataSource } from 'typeorm';
import { authorityCodes } from '../common/authority';
import { SCHEMA } from '../common/columns';
import { compactIdentifier, siretProblem } from '../common/identifiers';
import { Buyer } from './buyer.entity';
import type { BuyerFilter, CreateBuyerInput, UpdateBuyerInput } from './dto/buyer.input';

const valuesOf = (b: Buyer) => ({ siret: b.siret, name: b.name, authorityCode: b.authorityCode });

export class BuyerService {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: BuyerFilter | null | undefined, page: PageArgs): Promise<Page<Buyer>> {
    const query = this.dataSource.getRepository(Buyer).createQueryBuilder('buyer');
    const authorities = authorityCodes(filter?.authorities);
    if (authorities.length) query.andWhere('buyer.authority_code IN (:...authorities)', { authorities });
    if (filter?.siret) query.andWhere('buyer.siret = :siret', { siret: compactIdentifier(filter.siret) });
    return paginate(query, page, { expression: 'buyer.name', value: (b) => b.name, direction: 'ASC', id: 'buyer.id', idValue: (b) => b.id });
  }

  async create(context: RequestContext, input: CreateBuyerInput): Promise<Buyer> {
    const siret = compactIdentifier(input.siret);
    const problem = siretProblem(siret);
    if (problem) throw BadInputError.field('siret', problem);
    const name = input.name.trim();
    if (!name) throw BadInputError.field('name', 'is required');
    const authority = input.authority.trim().toUpperCase();
    assertCanWrite(context, authority);
    return this.dataSource.transaction(async (manager) => {
      const owner = await manager.findOneBy(Buyer, { siret });
      if (owner) throw BadInputError.field('siret', `${siret} is already the buyer ${owner.name} (authority ${owner.authorityCode})`);
      const buyer = await manager.save(manager.create(Buyer, { siret, name, authorityCode: authority }));
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Buyer', entityId: buyer.id, action: 'create', after: valuesOf(buyer) }]);
      return buyer;
    });
  }

  async update(context: RequestContext, id: string, version: number, input: UpdateBuyerInput): Promise<Buyer> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockForEdit(manager, Buyer, 'Buyer', id, version, (row) => assertCanWrite(context, row.authorityCode));
      const name = input.name === undefined ? before.name : input.name.trim();
      if (!name) throw BadInputError.field('name', 'is required');
      const after = await writeVersioned(manager, Buyer, 'Buyer', id, version, { name });
      await recordAudit(manager, SCHEMA, context, [{ entity: 'Buyer', entityId: id, action: 'update', before: valuesOf(before), after: valuesOf(after) }]);
      return after;
    });
  }
}
