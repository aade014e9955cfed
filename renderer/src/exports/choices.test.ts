import { describe, expect, it } from 'vitest';
import type { SessionExportOptions } from '../../../shared/contract';
import { documentChoices, formatSize, initialDocument, initialForm, sessionRequest, statsRequest } from './choices';

const closed: SessionExportOptions = {
  session: { id: 41, number: 412, heldOn: '2026-10-08', status: 'closed' },
  secretariat: true,
  decisionsBlocked: null,
  lettersBlocked: null,
  letters: [
    { dossierId: 7, number: 1, reference: 'EI-2026-0142', operatorName: 'Récup’Éco' },
    { dossierId: 9, number: 2, reference: 'IES-2026-0031', operatorName: 'Les Œuvres' },
  ],
  members: [
    { id: 3, name: 'Françoise Lemaître' },
    { id: 5, name: 'Jean Dubœuf' },
  ],
  packBlocked: null,
};

const noOpinionYet: SessionExportOptions = {
  ...closed,
  session: { ...closed.session, status: 'agenda_frozen' },
  decisionsBlocked: 'Aucun avis n’a encore été rendu pour cette séance.',
  lettersBlocked: 'Aucun avis n’a encore été rendu pour cette séance.',
  letters: [],
};

const memberWorkspace: SessionExportOptions = { ...closed, secretariat: false, members: [{ id: 5, name: 'Jean Dubœuf' }] };

const units = { bytes: (n: string) => `${n} octets`, kilo: (n: string) => `${n} Ko`, mega: (n: string) => `${n} Mo` };

describe('what the session export dialog offers', () => {
  it('lists the relevé, the letters and the packs to the secretariat, a member only their own pack', () => {
    expect(documentChoices(closed).map((c) => c.document)).toEqual(['decisions', 'letters', 'pack']);
    expect(documentChoices(memberWorkspace)).toEqual([{ document: 'pack', blocked: null }]);
  });

  it('keeps a blocked document listed with its French reason, and opens on the first one that can be exported', () => {
    const choices = documentChoices(noOpinionYet);
    expect(choices.find((c) => c.document === 'decisions')?.blocked).toBe('Aucun avis n’a encore été rendu pour cette séance.');
    expect(initialDocument(noOpinionYet)).toBe('pack');
    expect(initialDocument(noOpinionYet, 'decisions')).toBe('pack');
    expect(initialDocument(closed)).toBe('decisions');
    expect(initialDocument(closed, 'pack')).toBe('pack');
  });

  it('asks for nothing when the chosen document is blocked', () => {
    expect(sessionRequest(noOpinionYet, { ...initialForm(noOpinionYet), document: 'decisions' })).toBeNull();
    const allBlocked = { ...noOpinionYet, packBlocked: 'L’ordre du jour est vide.' };
    expect(sessionRequest(allBlocked, initialForm(allBlocked))).toBeNull();
  });
});

describe('the request built from the form', () => {
  it('asks for the relevé in the chosen format', () => {
    expect(sessionRequest(closed, { ...initialForm(closed), decisionFormat: 'xlsx' })).toEqual({ kind: 'decisions', sessionId: 41, format: 'xlsx' });
  });

  it('asks for every letter as one ZIP, or for the letter of one dossier', () => {
    const form = { ...initialForm(closed), document: 'letters' as const, letterFormat: 'docx' as const };
    expect(sessionRequest(closed, form)).toEqual({ kind: 'letters', sessionId: 41, format: 'docx' });
    expect(sessionRequest(closed, { ...form, letter: 9 })).toEqual({ kind: 'letter', sessionId: 41, dossierId: 9, format: 'docx' });
    expect(sessionRequest(closed, { ...form, letter: 999 })).toBeNull();
  });

  it('asks for the chosen member’s pack in the secretariat’s workspace, and leaves the member out in a member’s', () => {
    expect(sessionRequest(closed, initialForm(closed, 'pack'))).toEqual({ kind: 'memberPack', sessionId: 41, memberId: 3 });
    expect(sessionRequest(closed, { ...initialForm(closed, 'pack'), memberId: 5 })).toEqual({ kind: 'memberPack', sessionId: 41, memberId: 5 });
    expect(sessionRequest(memberWorkspace, initialForm(memberWorkspace))).toEqual({ kind: 'memberPack', sessionId: 41 });
  });

  it('asks for the statistics of a year, not before a year is known', () => {
    expect(statsRequest(2026, 'xlsx')).toEqual({ kind: 'stats', year: 2026, format: 'xlsx' });
    expect(statsRequest(null, 'pdf')).toBeNull();
  });
});

describe('the size of the saved file', () => {
  it('is shown in octets, Ko or Mo with a decimal comma', () => {
    expect(formatSize(512, 'fr-BE', units)).toBe('512 octets');
    expect(formatSize(49_152, 'fr-BE', units)).toBe('48 Ko');
    expect(formatSize(1100, 'fr-BE', units)).toBe('1 Ko');
    expect(formatSize(1_258_291, 'fr-BE', units)).toBe('1,2 Mo');
  });
});
