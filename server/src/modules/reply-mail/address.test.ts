import { describe, expect, it } from 'vitest';
import { parseReplyAddress, replyAddress, sameAddress } from './address.js';
import { replyMailConfig } from './config.js';

const reply = replyMailConfig({ REPLY_DOMAIN: 'Reponse.Exemple.fr' }, 'app-secret')!;

describe('signed reply addresses', () => {
  it('are absent when REPLY_DOMAIN is not set', () => {
    expect(replyMailConfig({}, 'app-secret')).toBeUndefined();
    expect(replyAddress(undefined, 1, 2)).toBeUndefined();
  });

  it('round-trip, fit in a local part, and survive a relay that changes the case', () => {
    const address = replyAddress(reply, 123_456_789, 9_876_543)!;
    expect(address).toMatch(/^reponse\+123456789\.9876543\.[0-9a-f]{24}@reponse\.exemple\.fr$/);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(parseReplyAddress(reply, address)).toEqual({ ok: true, postId: 123_456_789, userId: 9_876_543 });
    expect(parseReplyAddress(reply, address.toUpperCase())).toEqual({ ok: true, postId: 123_456_789, userId: 9_876_543 });
  });

  it('refuse another post, person, key or domain under the same signature', () => {
    const address = replyAddress(reply, 10, 20)!;
    expect(parseReplyAddress(reply, address.replace('+10.', '+11.'))).toEqual({ ok: false, reason: 'signature' });
    expect(parseReplyAddress(reply, address.replace('.20.', '.21.'))).toEqual({ ok: false, reason: 'signature' });
    const otherKey = replyMailConfig({ REPLY_DOMAIN: 'reponse.exemple.fr', REPLY_SECRET: 'another-key' }, 'app-secret')!;
    expect(parseReplyAddress(otherKey, address)).toEqual({ ok: false, reason: 'signature' });
    expect(parseReplyAddress(reply, address.replace('@reponse.exemple.fr', '@exemple.fr'))).toEqual({ ok: false, reason: 'domain' });
    expect(parseReplyAddress(reply, 'contact@reponse.exemple.fr')).toEqual({ ok: false, reason: 'shape' });
    expect(parseReplyAddress(reply, 'reponse+10.20.zz@reponse.exemple.fr')).toEqual({ ok: false, reason: 'shape' });
  });

  it('compare senders case- and Unicode-insensitively', () => {
    expect(sameAddress(' Camille.Martin@Mairie.FR ', 'camille.martin@mairie.fr')).toBe(true);
    // « é » precomposed and as e + combining accent.
    expect(sameAddress('h\u00e9l\u00e8ne@mairie.fr', 'he\u0301le\u0300ne@mairie.fr')).toBe(true);
    expect(sameAddress('camille@mairie.fr', 'camille@mairie.fr.evil')).toBe(false);
  });

  it('refuse a bad configuration in French', () => {
    expect(() => replyMailConfig({ REPLY_SMTP_PORT: '2525' }, 's')).toThrow(/REPLY_DOMAIN manque/);
    expect(() => replyMailConfig({ REPLY_DOMAIN: 'x@exemple.fr' }, 's')).toThrow(/nom de domaine/);
    expect(() => replyMailConfig({ REPLY_DOMAIN: 'reponse.exemple.fr', REPLY_SMTP_PORT: '70000' }, 's')).toThrow(/REPLY_SMTP_PORT/);
    expect(replyMailConfig({ REPLY_DOMAIN: 'reponse.exemple.fr', REPLY_SMTP_PORT: '2525' }, 's')).toMatchObject({ port: 2525, host: '127.0.0.1', maxBytes: 262_144 });
  });
});
