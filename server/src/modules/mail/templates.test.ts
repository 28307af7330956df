import { describe, expect, it } from 'vitest';
import { excerpt } from '../../lib/markdown.js';
import { digestMail, newPostMail } from './templates.js';

// Mails carry a post's plain-text excerpt, never its HTML: an image uploaded into the text (a relative address that
// means nothing in a mail client) shows in none of them, its alternative text neither.
describe('mails about a post with an uploaded image', () => {
  const body = 'Le plan de la visite :\n\n![Plan du quartier](/api/attachments/12/plan.png)\n\nRendez-vous à 9 h.';
  const post = { title: 'Visite', authorName: 'Ada Lovelace', excerpt: excerpt(body), url: 'https://ecommunautes.example/publications/3' };
  const links = { oneClick: 'https://ecommunautes.example/u/1', preferences: 'https://ecommunautes.example/compte/courriels' };

  it('leave the image out of the notice and the digest', () => {
    expect(post.excerpt).toBe('Le plan de la visite : Rendez-vous à 9 h.');
    const mails = [
      newPostMail('a@example.org', 'Agen', post, links),
      digestMail('a@example.org', 'Ada', 'daily', [{ communityName: 'Agen', communityUrl: 'https://ecommunautes.example/c/agen', posts: [post], more: 0, unsubscribe: links }], links.preferences),
    ];
    for (const mail of mails) {
      expect(mail.html).not.toContain('/api/attachments');
      expect(mail.html).not.toMatch(/(src|href)="\//);
      expect(mail.text).not.toContain('/api/attachments');
    }
  });
});
