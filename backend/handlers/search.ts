import { countWords, SEARCH_MAX_TERMS, SEARCH_MESSAGES_FR, searchTerms, type SearchQueryOutput } from '../../shared/contract';
import { getMeta } from '../../db/queries/meta';
import { searchIndex, searchYears } from '../../db/queries/search';
import type { BackendContext } from '../context';
import { AppError } from '../errors';
import type { DomainHandlers } from '../rpc/registry';

export const searchHandlers: DomainHandlers<BackendContext> = {
  'search.query': (ctx, input) => {
    const terms = searchTerms(input.q);
    if (terms.length === 0) {
      throw new AppError('BAD_INPUT', SEARCH_MESSAGES_FR.noTerms, [{ path: 'q', message: SEARCH_MESSAGES_FR.noTerms }]);
    }
    if (countWords(terms) > SEARCH_MAX_TERMS) {
      throw new AppError('BAD_INPUT', SEARCH_MESSAGES_FR.tooManyTerms, [{ path: 'q', message: SEARCH_MESSAGES_FR.tooManyTerms }]);
    }
    const db = ctx.workspace.requireDb();
    // The workspace's own member (a member workspace); none in the secretariat's.
    const member = Number(getMeta(db, 'member_id'));
    const page = searchIndex(db, {
      terms,
      filters: { schemes: input.schemes, kinds: input.kinds, years: input.years, sources: input.sources },
      memberId: Number.isInteger(member) && member > 0 ? member : null,
      limit: input.limit,
      offset: input.offset,
    });
    const output: SearchQueryOutput = {
      total: page.total,
      bySource: page.bySource,
      results: page.hits.map((hit) => ({
        source: hit.source,
        sourceId: hit.sourceId,
        dossierId: hit.dossierId,
        operatorId: hit.operatorId,
        reference: hit.reference,
        operatorName: hit.operatorName,
        scheme: hit.scheme,
        kind: hit.kind,
        date: hit.date,
        section: SECTION_OF[hit.source] !== null && hit.dossierId !== null ? SECTION_OF[hit.source] : null,
        visibility: hit.visibility,
        severity: hit.severity,
        title: hit.title,
        snippet: hit.snippet,
        rank: hit.rank,
      })),
    };
    return output;
  },

  'search.years': (ctx) => ({ years: searchYears(ctx.workspace.requireDb()) }),
};

const SECTION_OF = {
  dossier: 'synthesis',
  note: 'notes',
  finding: 'inspection',
  document: 'documents',
  operator: null,
} as const;
