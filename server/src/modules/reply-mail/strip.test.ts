import { describe, expect, it } from 'vitest';
import { extractReply } from './strip.js';

describe('extractReply: what the person wrote, without the quoted history nor the signature', () => {
  it.each([
    ['Apple Mail / Gmail in French', 'Oui, volontiers.\n\nLe 2 déc. 2026 à 10:00, e-communautés <x@y.fr> a écrit :\n> Ancien'],
    ['Gmail wrapping the attribution', 'Oui, volontiers.\n\nLe mar. 2 déc. 2026 à 10:00, e-communautés <\nne-pas-repondre@e-communautes.fr> a écrit :\n\n> Ancien'],
    ['Thunderbird in English', 'Oui, volontiers.\nOn 12/2/26 10:00 AM, e-communautés wrote:\n> Old'],
    ['Outlook in French', 'Oui, volontiers.\n\nDe : e-communautés <x@y.fr>\nEnvoyé : mardi 2 décembre 2026 10:00\nÀ : Camille\nObjet : RE\n\nAncien'],
    ['Outlook in English with bold labels', 'Oui, volontiers.\n\n*From:* e-communautés\n*Sent:* Tuesday\n*To:* Camille\n\nOld'],
    ['Outlook separator', 'Oui, volontiers.\n-----Message d\'origine-----\nDe : x'],
    ['standard signature', 'Oui, volontiers.\n-- \nCamille Martin\nMairie de Lyon'],
    ['mobile signature', 'Oui, volontiers.\n\nEnvoyé de mon iPhone'],
    ['quote-only lines', '> Ancien texte\nOui, volontiers.\n> Encore'],
  ])('%s', (_label, text) => {
    expect(extractReply(text.replace(/\n/g, '\r\n'))).toBe('Oui, volontiers.');
  });

  it('keeps a reply that only mentions « De : » in the text, and its paragraphs', () => {
    expect(extractReply('Premier point.\n\n\n\nDe : la mairie, pas du département.')).toBe('Premier point.\n\nDe : la mairie, pas du département.');
  });

  it('keeps a reply that starts with « Le … » above the attribution', () => {
    expect(extractReply('Le seuil est de 40 000 €.\n\nLe 2 déc. 2026 à 10:00, X a écrit :\n> Ancien')).toBe('Le seuil est de 40 000 €.');
  });

  it('is empty when only the quoted message is left', () => {
    expect(extractReply('\nLe 2 déc. 2026 à 10:00, X a écrit :\n> Ancien')).toBe('');
  });
});
