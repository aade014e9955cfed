/**
 * Messages of one area of the UI, kept beside its screens (e.g. renderer/src/search/messages.ts):
 *
 *   export const useSearchMessages = defineMessages({ fr: { title: 'Recherche' }, en: { title: 'Search' } });
 *   const m = useSearchMessages();
 *
 * French is the reference; English must have the same keys (checked by the type).
 */
import type { Widen } from './fr';
import { useI18n } from './index';

export function defineMessages<const T>(messages: { fr: T; en: Widen<T> }): () => Widen<T> {
  return function useAreaMessages() {
    const { locale } = useI18n();
    return locale === 'en' ? messages.en : (messages.fr as Widen<T>);
  };
}
