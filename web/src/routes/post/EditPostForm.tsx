import { LIMITS } from '../../../../common/limits';
import { useUpdatePost } from '../../api/posts';
import type { Post } from '../../api/types';
import { Button, Form, MarkdownEditor, Select, TextField, check } from '../../ui';
import { MARKDOWN_HELP, splitTags } from '../community/PublishForm';
import { useRubriques } from '../../api/kinds';

export function EditPostForm({ post, onDone }: { post: Post; onDone: (changed: boolean) => void }) {
  const update = useUpdatePost(post.id);
  const rubriques = useRubriques(post.community.slug).data?.items ?? [];
  return (
    <section aria-labelledby="edit-title" className="card">
      <h2 id="edit-title" className="card__title">Modifier la publication</h2>
      <p className="muted small">La version précédente reste consultable dans l’historique des modifications.</p>
      <Form
        labels={{ title: 'Titre', body: 'Texte' }}
        validate={(v) => check(v, { title: { required: true, max: LIMITS.postTitle }, body: { required: true, max: LIMITS.postBody } })}
        onSubmit={async (v) => {
          await update.mutateAsync({
            title: v.title!.trim(), body: v.body!, tags: splitTags(v.tags),
            ...(rubriques.length > 0 ? { rubriqueId: v.rubriqueId ? Number(v.rubriqueId) : null } : {}),
          });
          onDone(true);
        }}
      >
        <TextField name="title" label="Titre" isRequired defaultValue={post.title} maxLength={LIMITS.postTitle} wide />
        <MarkdownEditor name="body" label="Texte" description={MARKDOWN_HELP} rows={10} isRequired defaultValue={post.bodyMd} maxLength={LIMITS.postBody} mentionCommunity={post.community.slug} uploadCommunity={post.community.slug} />
        {rubriques.length > 0 ? (
          <Select name="rubriqueId" label="Rubrique (facultatif)" placeholder="Aucune" defaultValue={post.rubrique ? String(post.rubrique.id) : ''}
            options={rubriques.map((r) => ({ value: String(r.id), label: r.name }))} />
        ) : null}
        <TextField name="tags" label="Mots-clés (facultatif)" description="Séparés par des virgules." defaultValue={post.tags.join(', ')} wide />
        <div className="form__actions">
          <Button type="submit" isPending={update.isPending}>Enregistrer les modifications</Button>
          <Button variant="secondary" onPress={() => onDone(false)}>Annuler</Button>
        </div>
      </Form>
    </section>
  );
}
