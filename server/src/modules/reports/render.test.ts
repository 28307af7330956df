import { describe, expect, it } from 'vitest';
import { pdfText } from './render.js';

describe('PDF text', () => {
  it('keeps French (WinAnsi) and replaces what the standard fonts cannot draw', () => {
    expect(pdfText('Réunion d’analyse — œuvre à Noël « ça » 1 €')).toBe('Réunion d’analyse — œuvre à Noël « ça » 1 €');
    // Intl's fr-FR formats use narrow no-break spaces.
    expect(pdfText(new Intl.NumberFormat('fr-FR').format(57090))).toBe('57 090');
    expect(pdfText('Bravo 🎉 ✓')).toBe('Bravo ?? ?');
  });
});
