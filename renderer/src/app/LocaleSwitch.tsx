import { LOCALES, useI18n } from '../i18n';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';

const NAMES = { fr: fr.locale, en: en.locale };

/** FR | EN: each button names its language in that language. */
export function LocaleSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <div className="locale-switch" role="group" aria-label={t.locale.switchLabel}>
      {LOCALES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={locale === code}
          title={NAMES[code].name}
          onClick={() => setLocale(code)}
        >
          {NAMES[code].short}
        </button>
      ))}
    </div>
  );
}
