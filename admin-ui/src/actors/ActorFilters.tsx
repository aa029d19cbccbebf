// Search field and every filter of the registry (départements, legal families, inclusion types, ESS member, ESUS,
// network, sector, archived), plus the sort order. Values come from the address (see listParams.ts); the search text
// is typed here and applied by the page after a pause.
import { useId } from 'react';
import { useQuery } from 'urql';
import { LEGAL_FAMILIES } from '../graphql/types';
import { useMessages } from '../i18n';
import { AUTHORITIES } from '../referential/authorities';
import { ActorNetworksQuery } from './actors.query';
import { communeCodes, INCLUSION_TYPES, SORTS, isFiltered, type ListParams, type Sort, type Tristate } from './listParams';

interface Props {
  values: ListParams;
  /** The search text as typed (applied to `values` after a pause). */
  searchText: string;
  onSearchText(text: string): void;
  onChange(values: ListParams): void;
  /** Enter in the search field: apply the text now. */
  onSubmit(): void;
  onReset(): void;
  /** The départements used when none is chosen. */
  working: readonly string[];
}

function CheckboxGroup<T extends string>({
  legend,
  hint,
  options,
  selected,
  onChange,
  name,
}: {
  legend: string;
  hint?: string;
  name: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  selected: readonly T[];
  onChange(next: T[]): void;
}) {
  const id = useId();
  return (
    <fieldset className="actor-filters__group" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <ul className="actor-filters__options">
        {options.map((option) => (
          <li key={option.value}>
            <input
              id={`${id}-${option.value}`}
              type="checkbox"
              name={name}
              value={option.value}
              checked={selected.includes(option.value)}
              onChange={(event) => onChange(event.target.checked ? [...selected, option.value] : selected.filter((value) => value !== option.value))}
            />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function ActorFilters({ values, searchText, onSearchText, onChange, onSubmit, onReset, working }: Props) {
  const t = useMessages();
  const f = t.actors.filters;
  const id = useId();
  const [networks] = useQuery({ query: ActorNetworksQuery });
  const set = <K extends keyof ListParams>(key: K, value: ListParams[K]) => onChange({ ...values, [key]: value });
  const authorities = values.authorities ?? [...working];
  const more =
    (values.legalFamilies.length ? 1 : 0) +
    (values.inclusionTypes.length ? 1 : 0) +
    (values.essMember ? 1 : 0) +
    (values.esus ? 1 : 0) +
    (values.networkId ? 1 : 0) +
    (values.communeCodes.length ? 1 : 0) +
    (values.sector.trim() ? 1 : 0) +
    (values.includeArchived ? 1 : 0);
  const tristate = (label: string, key: 'essMember' | 'esus', yes: string, no: string) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} className="input" value={values[key]} onChange={(event) => set(key, event.target.value as Tristate)}>
        <option value="">{f.any}</option>
        <option value="oui">{yes}</option>
        <option value="non">{no}</option>
      </select>
    </div>
  );

  return (
    <form
      className="filters actor-filters"
      role="search"
      aria-labelledby={`${id}-legend`}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h2 id={`${id}-legend`} className="visually-hidden">
        {f.legend}
      </h2>
      <div className="actor-filters__main">
        <div className="field field--search">
          <label htmlFor={`${id}-search`}>{f.search}</label>
          <p id={`${id}-search-hint`} className="field__hint">
            {f.searchHint}
          </p>
          <input
            id={`${id}-search`}
            className="input"
            type="search"
            name="search"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-search-hint`}
            value={searchText}
            onChange={(event) => onSearchText(event.target.value)}
          />
        </div>
        <CheckboxGroup
          legend={f.authority}
          hint={f.authorityHint}
          name="authority"
          options={AUTHORITIES.map(({ code, name }) => ({ value: code, label: t.authority(code, name) }))}
          selected={authorities}
          onChange={(next) => set('authorities', next.length === 0 ? [] : next)}
        />
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t.actors.sort.label}</label>
          <select id={`${id}-sort`} className="input" value={values.sort} onChange={(event) => set('sort', event.target.value as Sort)}>
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t.actors.sort[sort]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <details className="actor-filters__more" open={more > 0 ? true : undefined}>
        <summary>{more > 0 ? f.moreActive(more) : f.more}</summary>
        <div className="actor-filters__grid">
          <CheckboxGroup
            legend={f.legalFamily}
            name="legalFamily"
            options={LEGAL_FAMILIES.map((family) => ({ value: family, label: t.legalFamilies[family] }))}
            selected={values.legalFamilies}
            onChange={(next) => set('legalFamilies', next)}
          />
          <CheckboxGroup
            legend={f.inclusionType}
            name="inclusionType"
            options={INCLUSION_TYPES.map((type) => ({ value: type, label: type === 'NONE' ? t.common.none : `${t.inclusionTypes[type].short} – ${t.inclusionTypes[type].long}` }))}
            selected={values.inclusionTypes}
            onChange={(next) => set('inclusionTypes', next)}
          />
          <div className="actor-filters__column">
            {tristate(f.essMember, 'essMember', t.common.yes, t.common.no)}
            {tristate(f.esus, 'esus', f.esusYes, f.esusNo)}
            <div className="field">
              <label htmlFor={`${id}-network`}>{f.network}</label>
              <select id={`${id}-network`} className="input" value={values.networkId} onChange={(event) => set('networkId', event.target.value)}>
                <option value="">{f.allNetworks}</option>
                {networks.data?.networks?.nodes.map((network) => (
                  <option key={network.id} value={network.id}>
                    {network.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-commune`}>{f.commune}</label>
              <p id={`${id}-commune-hint`} className="field__hint">
                {f.communeHint}
              </p>
              <input
                id={`${id}-commune`}
                className="input"
                name="commune"
                inputMode="text"
                autoComplete="off"
                aria-describedby={`${id}-commune-hint`}
                defaultValue={values.communeCodes.join(', ')}
                key={values.communeCodes.join(',')}
                onBlur={(event) => {
                  const codes = communeCodes(event.target.value);
                  if (codes.join(',') !== values.communeCodes.join(',')) set('communeCodes', codes);
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    set('communeCodes', communeCodes(event.currentTarget.value));
                  }
                }}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-sector`}>{f.sector}</label>
              <p id={`${id}-sector-hint`} className="field__hint">
                {f.sectorHint}
              </p>
              <input
                id={`${id}-sector`}
                className="input"
                name="sector"
                aria-describedby={`${id}-sector-hint`}
                defaultValue={values.sector}
                key={values.sector}
                onBlur={(event) => event.target.value.trim() !== values.sector && set('sector', event.target.value.trim())}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    set('sector', event.currentTarget.value.trim());
                  }
                }}
              />
            </div>
            <div className="field field--checkbox">
              <input id={`${id}-archived`} type="checkbox" checked={values.includeArchived} onChange={(event) => set('includeArchived', event.target.checked)} />
              <label htmlFor={`${id}-archived`}>{f.includeArchived}</label>
            </div>
          </div>
        </div>
      </details>
      <div className="filters__actions">
        <button type="button" className="button button--secondary" disabled={!isFiltered(values) && searchText.trim() === ''} onClick={onReset}>
          {f.reset}
        </button>
      </div>
    </form>
  );
}
