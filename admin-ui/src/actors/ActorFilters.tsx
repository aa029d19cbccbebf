// Search field and filters of the actor list. The search text is debounced by the page, not here.
import { useId } from 'react';
import { LEGAL_FAMILIES, type LegalFamily } from '../graphql/types';
import { useMessages } from '../i18n';
import { AUTHORITIES } from '../referential/authorities';

export interface ActorFilterValues {
  search: string;
  authority: string;
  legalFamily: LegalFamily | '';
}

export const NO_FILTERS: ActorFilterValues = { search: '', authority: '', legalFamily: '' };

interface Props {
  values: ActorFilterValues;
  onChange(values: ActorFilterValues): void;
  /** Enter in the search field: apply the text now rather than after the debounce delay. */
  onSubmit(): void;
}

export function ActorFilters({ values, onChange, onSubmit }: Props) {
  const t = useMessages();
  const id = useId();
  const set = <K extends keyof ActorFilterValues>(key: K, value: ActorFilterValues[K]) => onChange({ ...values, [key]: value });
  const filtered = values.search !== '' || values.authority !== '' || values.legalFamily !== '';

  return (
    <form
      className="filters"
      role="search"
      aria-labelledby={`${id}-legend`}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h2 id={`${id}-legend`} className="visually-hidden">
        {t.actors.filters.legend}
      </h2>
      <div className="field field--search">
        <label htmlFor={`${id}-search`}>{t.actors.filters.search}</label>
        <p id={`${id}-search-hint`} className="field__hint">
          {t.actors.filters.searchHint}
        </p>
        <input
          id={`${id}-search`}
          type="search"
          name="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-search-hint`}
          value={values.search}
          onChange={(event) => set('search', event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-authority`}>{t.actors.filters.authority}</label>
        <select id={`${id}-authority`} name="authority" value={values.authority} onChange={(event) => set('authority', event.target.value)}>
          <option value="">{t.actors.filters.allAuthorities}</option>
          {AUTHORITIES.map(({ code, name }) => (
            <option key={code} value={code}>
              {t.authority(code, name)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-family`}>{t.actors.filters.legalFamily}</label>
        <select
          id={`${id}-family`}
          name="legalFamily"
          value={values.legalFamily}
          onChange={(event) => set('legalFamily', event.target.value as LegalFamily | '')}
        >
          <option value="">{t.actors.filters.allLegalFamilies}</option>
          {LEGAL_FAMILIES.map((family) => (
            <option key={family} value={family}>
              {t.legalFamilies[family]}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__actions">
        <button type="button" className="button button--secondary" disabled={!filtered} onClick={() => onChange(NO_FILTERS)}>
          {t.actors.filters.reset}
        </button>
      </div>
    </form>
  );
}
