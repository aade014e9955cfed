import type { DossierStatus } from '../../../shared/domain';
import { useI18n } from '../i18n';

/** A dossier's status as a coloured badge; the colour only repeats the word, never replaces it. */
export function StatusBadge({ status }: { status: DossierStatus }) {
  const { t } = useI18n();
  const label = t.enums.status[status];
  return (
    <span className={`badge status-${status}`} title={label}>
      {label}
    </span>
  );
}
