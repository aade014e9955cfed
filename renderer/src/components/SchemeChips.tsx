/**
 * The scheme filter as a row of toggle chips (IES, EI, IDESS, AC): any number pressed, kept in
 * the schemes' catalogue order; none pressed means every scheme.
 */
import { SCHEMES, type Scheme } from '../../../shared/domain';
import { useI18n } from '../i18n';

export function SchemeChips({ label, selected, onChange }: { label: string; selected: readonly Scheme[]; onChange: (schemes: Scheme[]) => void }) {
  const { t } = useI18n();
  return (
    <div className="chip-group" role="group" aria-label={label}>
      <span className="chip-group-label" aria-hidden="true">
        {label}
      </span>
      {SCHEMES.map((scheme) => {
        const pressed = selected.includes(scheme);
        return (
          <button
            key={scheme}
            type="button"
            className="chip"
            aria-pressed={pressed}
            title={t.enums.scheme[scheme]}
            onClick={() => onChange(SCHEMES.filter((s) => (s === scheme ? !pressed : selected.includes(s))))}
          >
            {scheme}
          </button>
        );
      })}
    </div>
  );
}
