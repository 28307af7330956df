/**
 * Everything a line must satisfy beyond its JSON Schema: references to entities read earlier, duplicates
 * (ids, e-mail addresses after normalisation, slugs), dates that make sense together, the kind-specific part a
 * post of each kind needs, attachment files present with the announced SHA-256 and a type we accept.
 * The sets hold only accepted lines, so a line that depends on a rejected one is rejected too.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { allowedType } from '../../../common/attachments.js';
import { checkDescription, checkType } from '../modules/attachments/sniff.js';
import type { AttachmentLine, CommentLine, CommunityLine, DossierLine, Kind, MemberLine, MembershipLine, PostLine, ReactionLine } from './format.js';

/** The same address written with other case or Unicode forms is the same person. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

const EARLIEST = Date.parse('1990-01-01T00:00:00Z');
/** Some clock drift between the source and here is tolerated. */
const FUTURE_SLACK_MS = 24 * 3_600_000;

function pastInstant(value: string | undefined, field: string): string | null {
  if (value === undefined) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t) || t < EARLIEST) return `date impossible dans ${field} (${value})`;
  if (t > Date.now() + FUTURE_SLACK_MS) return `date dans le futur dans ${field} (${value})`;
  return null;
}

function notBefore(later: string | undefined, earlier: string, field: string): string | null {
  if (later !== undefined && Date.parse(later) < Date.parse(earlier)) return `${field} (${later}) est antérieur à la création (${earlier})`;
  return null;
}

const first = (...reasons: (string | null)[]) => reasons.find((r) => r !== null) ?? null;

export class Checker {
  private readonly ids: Record<string, Set<string>> = {};
  private readonly emails = new Map<string, string>();
  private readonly slugs = new Set<string>();
  private readonly pairs = new Set<string>();
  private readonly questions = new Set<string>();
  private readonly postCommunity = new Map<string, string>();

  constructor(private readonly dir: string) {}

  private set(kind: string): Set<string> {
    return (this.ids[kind] ??= new Set());
  }

  private ref(kind: Kind, id: string | undefined, field: string): string | null {
    if (id === undefined || this.set(kind).has(id)) return null;
    return `référence inconnue dans ${field} : ${id}`;
  }

  private fresh(kind: Kind, id: string): string | null {
    return this.set(kind).has(id) ? `identifiant en double : ${id}` : null;
  }

  private pair(kind: string, key: string, what: string): string | null {
    const k = `${kind}\u0000${key}`;
    if (this.pairs.has(k)) return `${what} en double`;
    this.pairs.add(k);
    return null;
  }

  /** The reason a line is refused, or null once it is accepted (and then remembered). */
  async check(kind: Kind, line: unknown): Promise<string | null> {
    const reason = await this.reason(kind, line);
    if (reason === null && typeof (line as { id?: unknown }).id === 'string') this.set(kind).add((line as { id: string }).id);
    return reason;
  }

  private async reason(kind: Kind, line: unknown): Promise<string | null> {
    switch (kind) {
      case 'member': return this.member(line as MemberLine);
      case 'community': return this.community(line as CommunityLine);
      case 'membership': {
        const m = line as MembershipLine;
        return first(this.ref('community', m.community, 'community'), this.ref('member', m.member, 'member'),
          pastInstant(m.joinedAt, 'joinedAt'), this.pair('membership', `${m.community}:${m.member}`, 'adhésion'));
      }
      case 'post': return this.post(line as PostLine);
      case 'comment': return this.comment(line as CommentLine);
      case 'reaction': {
        const r = line as ReactionLine;
        return first(this.ref('post', r.post, 'post'), this.ref('member', r.member, 'member'), pastInstant(r.createdAt, 'createdAt'),
          this.pair('reaction', `${r.post}:${r.member}`, 'marque « utile »'));
      }
      case 'dossier': return this.dossier(line as DossierLine);
      case 'attachment': return this.attachment(line as AttachmentLine);
    }
  }

  private member(m: MemberLine): string | null {
    const email = normaliseEmail(m.email);
    const owner = this.emails.get(email);
    const reason = first(this.fresh('member', m.id), pastInstant(m.createdAt, 'createdAt'), pastInstant(m.lastSeenAt, 'lastSeenAt'),
      owner !== undefined ? `adresse électronique ${m.email} déjà portée par le membre ${owner} (mêmes lettres après normalisation)` : null);
    if (reason === null) this.emails.set(email, m.id);
    return reason;
  }

  private community(c: CommunityLine): string | null {
    const reason = first(this.fresh('community', c.id), pastInstant(c.createdAt, 'createdAt'),
      this.slugs.has(c.slug) ? `adresse (slug) en double : ${c.slug}` : null,
      (c.related ?? []).includes(c.id) ? 'une communauté ne peut être liée à elle-même' : null);
    if (reason === null) this.slugs.add(c.slug);
    return reason;
  }

  /** Related communities may come later in the file: checked once all are read. */
  unknownRelated(c: CommunityLine): string[] {
    return (c.related ?? []).filter((id) => !this.set('community').has(id));
  }

  private post(p: PostLine): string | null {
    const reason = first(this.fresh('post', p.id), this.ref('community', p.community, 'community'), this.ref('member', p.author, 'author'),
      pastInstant(p.createdAt, 'createdAt'), pastInstant(p.editedAt, 'editedAt'), pastInstant(p.deletedAt, 'deletedAt'),
      notBefore(p.editedAt, p.createdAt, 'editedAt'), notBefore(p.deletedAt, p.createdAt, 'deletedAt'), this.kindPart(p));
    if (reason === null) {
      if (p.kind === 'question') this.questions.add(p.id);
      this.postCommunity.set(p.id, p.community);
    }
    return reason;
  }

  private kindPart(p: PostLine): string | null {
    if (p.kind === 'evenement') {
      if (!p.event) return 'un événement doit avoir sa partie « event »';
      if (Date.parse(p.event.endsAt) <= Date.parse(p.event.startsAt)) return 'la fin de l’événement précède son début';
    } else if (p.event) return `la partie « event » n’appartient qu’aux événements (genre ${p.kind})`;
    if (p.kind === 'sondage') {
      if (!p.poll) return 'un sondage doit avoir sa partie « poll »';
      const voters = new Set<string>();
      for (const v of p.poll.votes) {
        if (!this.set('member').has(v.member)) return `référence inconnue dans poll.votes : ${v.member}`;
        if (voters.has(v.member)) return `vote en double du membre ${v.member}`;
        voters.add(v.member);
        if (v.choices.some((c) => c >= p.poll!.options.length)) return `choix hors des options dans le vote de ${v.member}`;
        if (!p.poll.multiple && v.choices.length > 1) return `plusieurs choix dans un sondage à choix unique (vote de ${v.member})`;
        if (new Set(v.choices).size !== v.choices.length) return `choix répété dans le vote de ${v.member}`;
      }
    } else if (p.poll) return `la partie « poll » n’appartient qu’aux sondages (genre ${p.kind})`;
    if ((p.kind === 'veille' || p.kind === 'ressource') && !p.link) return `une publication de genre ${p.kind} doit avoir sa partie « link »`;
    if (p.kind === 'partage') {
      if (!p.sharedPost) return 'un partage doit nommer la publication partagée (sharedPost)';
      // posts_shared_once_key: a post is shared at most once into a community.
      return first(this.ref('post', p.sharedPost, 'sharedPost'),
        p.deletedAt ? null : this.pair('share', `${p.community}:${p.sharedPost}`, 'partage de la même publication dans la même communauté'));
    }
    return p.sharedPost ? 'sharedPost n’appartient qu’aux partages' : null;
  }

  private comment(c: CommentLine): string | null {
    return first(this.fresh('comment', c.id), this.ref('post', c.post, 'post'), this.ref('member', c.author, 'author'),
      this.ref('comment', c.replyTo, 'replyTo'), pastInstant(c.createdAt, 'createdAt'), pastInstant(c.editedAt, 'editedAt'),
      pastInstant(c.deletedAt, 'deletedAt'), notBefore(c.editedAt, c.createdAt, 'editedAt'),
      c.solution && !this.questions.has(c.post) ? 'seul un commentaire d’une question peut en être la solution' : null);
  }

  private dossier(d: DossierLine): string | null {
    const items = new Set<string>();
    for (const item of d.items) {
      const reason = this.ref('post', item.post, 'items.post');
      if (reason) return reason;
      if (this.postCommunity.get(item.post) !== d.community) return `la publication ${item.post} n’est pas de la communauté du dossier`;
      if (items.has(item.post)) return `publication ${item.post} en double dans le dossier`;
      items.add(item.post);
    }
    return first(this.fresh('dossier', d.id), this.ref('community', d.community, 'community'), this.ref('member', d.createdBy, 'createdBy'),
      pastInstant(d.createdAt, 'createdAt'));
  }

  private async attachment(a: AttachmentLine): Promise<string | null> {
    const reason = first(this.fresh('attachment', a.id), this.ref('post', a.post, 'post'), this.ref('member', a.uploader, 'uploader'),
      pastInstant(a.createdAt, 'createdAt'));
    if (reason) return reason;
    // The importer checks several attachment lines at once: the id is taken before the first await, so a duplicate
    // among them is still refused (a line refused for its file below keeps its id taken; nothing refers to attachments).
    this.set('attachment').add(a.id);
    const path = join(this.dir, 'files', a.sha256);
    if (!existsSync(path)) return `fichier files/${a.sha256} absent`;
    const size = statSync(path).size;
    if (size !== a.size) return `fichier files/${a.sha256} : ${size} octets au lieu de ${a.size}`;
    if (await sha256File(path) !== a.sha256) return `fichier files/${a.sha256} corrompu (empreinte SHA-256 différente)`;
    // The same checks as an upload: the type comes from the bytes, never from the line.
    try {
      const type = await checkType({ tmpPath: path, size, sha256: a.sha256, filename: a.name, claimedMime: a.mime });
      if (!allowedType(a.mime) || type.mime !== a.mime) return `type annoncé ${a.mime}, contenu ${type.mime}`;
      checkDescription(type, { format: a.format, alt: a.alt, longDesc: a.longDescription ?? '' });
    } catch (err) {
      return `fichier files/${a.sha256} refusé : ${(err as Error).message}`;
    }
    return null;
  }
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (d) => h.update(d)).on('error', reject).on('end', () => resolve(h.digest('hex')));
  });
}
