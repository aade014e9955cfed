/** The locale: French by default, English on request; the choice is kept in localStorage. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { RpcCallError } from '../api/client';
import { en } from './en';
import { fr, type Messages } from './fr';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const DICTIONARIES: Record<Locale, Messages> = { fr, en };
const STORAGE_KEY = 'comes.locale';

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' || value === 'fr' ? value : 'fr';
  } catch {
    return 'fr';
  }
}

interface I18nValue {
  locale: Locale;
  t: Messages;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage refused (private mode): the choice lasts for this session only.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo(() => ({ locale, t: DICTIONARIES[locale], setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The message to show for a failed call: the backend's (French) message, or a local one. */
export function errorMessage(error: unknown, t: Messages): string {
  if (error instanceof RpcCallError) {
    if (error.code === 'NETWORK') return t.errors.network;
    if (error.code === 'BAD_RESPONSE') return t.errors.badResponse;
    return error.message;
  }
  return t.errors.unexpected;
}
