import '../post/kinds/kinds.css';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { CNFPT_RESOURCE_LABELS, CNFPT_RESOURCE_TYPES, type CnfptResourceType } from '../../../../common/cnfpt';
import { LIMITS } from '../../../../common/limits';
import { ApiError } from '../../api/client';
import { usePublish, useRubriques, type NewPostInput } from '../../api/kinds';
import type { ArticleType, Post, PostKind } from '../../api/types';
import { ARTICLE_TYPE_LABELS, KIND_LABELS } from '../../lib/kind-labels';
import { Alert, Button, Card, Form, MarkdownEditor, Select, TextField, check, type Errors } from '../../ui';
import { LinkFields } from './LinkFields';
import { SimilarQuestions } from './SimilarQuestions';
import { AnonymisationFieldCheck } from '../../components/anonymisation/AnonymisationCheck';
import { DraftStatus } from '../../components/drafts/DraftStatus';
import { useDraft } from '../../components/drafts/useDraft';

export const MARKDOWN_HELP = 'Mise en forme avec la barre d’outils (ou en Markdown) ; mentionnez un membre avec @, l’équipe avec @animation.';

/** Kinds this form creates; événements and sondages have their own pages, partages start from the related communities. */
const MEMBER_KINDS: PostKind[] = ['discussion', 'question'];
const STAFF_KINDS: PostKind[] = ['discussion', 'question', 'article', 'veille', 'ressource'];

const BODY_LABELS: Partial<Record<PostKind, string>> = {
  veille: 'Commentaire de l’animation',
  ressource: 'Présentation de la ressource',
  question: 'Votre question en détail',
};

/** "Loi 3DS, décentralisation" -> ["Loi 3DS", "décentralisation"]; the server normalises case. */
export function splitTags(text: string | undefined): string[] {
  return (text ?? '').split(',').map((t) => t.trim()).filter(Boolean);
}

/** The publishing form, opened from the « Publier » button of the community's page; `onClose` folds it again. */
export function PublishForm({ slug, communityId, staff, onClose }: { slug: string; communityId: number; staff: boolean; onClose: () => void }) {
  const create = usePublish(slug);
  const draft = useDraft(`post:${communityId}`);
  const rubriques = useRubriques(slug).data?.items ?? [];
  const [created, setCreated] = useState<Post | null>(null);
  const [kind, setKind] = useState<PostKind>('discussion');
  const [title, setTitle] = useState('');
  const [formKey, setFormKey] = useState(0);
  const kinds = staff ? STAFF_KINDS : MEMBER_KINDS;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Opened by a button: the focus moves to the form's title, so a keyboard or screen reader user lands in it.
  useEffect(() => headingRef.current?.focus(), []);
  const hasLink = kind === 'veille' || kind === 'ressource';
  // The saved draft's title comes back with its text, unless a title was typed meanwhile.
  const restoredTitle = draft.initial?.title;
  useEffect(() => { if (restoredTitle) setTitle((current) => current || restoredTitle); }, [restoredTitle]);

  const validate = (v: Record<string, string>): Errors => {
    const errors = check(v, { title: { required: true, max: LIMITS.postTitle }, body: { required: true, max: LIMITS.postBody } });
    if (kind === 'article' && !v.articleType) errors.articleType = 'Choisissez le type d’article.';
    if (hasLink && !v['link.url']?.trim()) errors['link.url'] = 'Indiquez le lien.';
    const tags = splitTags(v.tags);
    if (tags.some((t) => t.length > LIMITS.tagLength)) errors.tags = `Chaque mot-clé compte au plus ${LIMITS.tagLength} caractères.`;
    else if (new Set(tags.map((t) => t.toLowerCase())).size > LIMITS.tagsPerPost) errors.tags = `Au plus ${LIMITS.tagsPerPost} mots-clés.`;
    return errors;
  };

  return (
    <Card as="section" className="publish">
      <h2 ref={headingRef} id="publish-title" className="card__title" tabIndex={-1}>Publier</h2>
      {created ? (
        <Alert tone="success">
          <p>Votre publication « {created.title} » est en ligne. <Link to={`/publications/${created.id}`}>Voir la publication</Link></p>
        </Alert>
      ) : null}
      <Form
        key={formKey}
        aria-labelledby="publish-title"
        labels={{
          kind: 'Type de publication', title: 'Titre', body: BODY_LABELS[kind] ?? 'Texte', articleType: 'Type d’article',
          'link.url': 'Lien', link: 'Lien', tags: 'Mots-clés', rubriqueId: 'Rubrique', 'link.description': 'Description du lien', 'link.source': 'Source', cnfptType: 'Ressource du CNFPT',
        }}
        validate={validate}
        onSubmit={async (v) => {
          setCreated(null);
          const input: NewPostInput = { kind, title: v.title!.trim(), body: v.body!, tags: splitTags(v.tags) };
          if (kind === 'article') input.articleType = v.articleType as ArticleType;
          if (hasLink) {
            input.link = { url: v['link.url']!.trim(), title: v.title!.trim(), description: v['link.description'] ?? '', source: v['link.source'] ?? '' };
          }
          if (kind === 'ressource' && v.cnfptType) input.cnfptType = v.cnfptType as CnfptResourceType;
          if (v.rubriqueId) input.rubriqueId = Number(v.rubriqueId);
          try {
            const post = await create.mutateAsync(input);
            await draft.discard();
            setCreated(post);
            setTitle('');
            setKind('discussion');
            setFormKey((k) => k + 1);
          } catch (error) {
            // The link's own errors name the field the animator must fix.
            if (error instanceof ApiError && error.code === 'LINK_INVALID_URL') throw new ApiError(error.status, 'VALIDATION_FAILED', error.message, { 'link.url': error.message });
            throw error;
          }
        }}
      >
        <Select
          name="kind"
          label="Type de publication"
          options={kinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          value={kind}
          onChange={(value) => setKind(value as PostKind)}
        />
        <KindSelects kind={kind} />
        {hasLink ? <LinkFields onTitle={(t) => setTitle((current) => current || t)} /> : null}
        <TextField name="title" label="Titre" isRequired maxLength={LIMITS.postTitle} wide value={title} onChange={(t) => { setTitle(t); draft.saveTitle(t); }} />
        {kind === 'question' ? <SimilarQuestions slug={slug} title={title} /> : null}
        <MarkdownEditor
          key={draft.fieldKey} defaultValue={draft.initial?.body} onChange={draft.save}
          name="body" label={BODY_LABELS[kind] ?? 'Texte'} description={MARKDOWN_HELP} rows={6} isRequired maxLength={LIMITS.postBody} mentionCommunity={slug} uploadCommunity={slug}
        />
        <DraftStatus draft={draft} />
        <AnonymisationFieldCheck name="body" subject="votre publication" />
        {rubriques.length > 0 ? (
          <Select name="rubriqueId" label="Rubrique (facultatif)" placeholder="Aucune" options={rubriques.map((r) => ({ value: String(r.id), label: r.name }))} />
        ) : null}
        <TextField
          name="tags"
          label="Mots-clés (facultatif)"
          description={`Séparés par des virgules, ${LIMITS.tagsPerPost} au plus. Exemple : contrat de ville, QPV`}
          wide
        />
        <div className="form__actions">
          <Button type="submit" isPending={create.isPending}>Publier</Button>
          <Button variant="ghost" onPress={onClose}>Fermer</Button>
        </div>
      </Form>
    </Card>
  );
}

/** The questions only some kinds ask: an article's type, whether a resource comes from the CNFPT's catalogue. */
function KindSelects({ kind }: { kind: PostKind }) {
  return (
    <>
      {kind === 'article' ? (
        <Select
          name="articleType"
          label="Type d’article"
          placeholder="Choisir…"
          isRequired
          options={(Object.keys(ARTICLE_TYPE_LABELS) as ArticleType[]).map((t) => ({ value: t, label: ARTICLE_TYPE_LABELS[t] }))}
        />
      ) : null}
      {kind === 'ressource' ? (
        <Select
          name="cnfptType"
          label="Ressource du CNFPT (facultatif)"
          description="Une offre de formation, un numéro de la LID ou une publication : le lien est alors celui du catalogue du CNFPT."
          placeholder="Non, une autre ressource"
          options={CNFPT_RESOURCE_TYPES.map((t) => ({ value: t, label: CNFPT_RESOURCE_LABELS[t] }))}
        />
      ) : null}
    </>
  );
}
