import { useState } from 'react';
import { Link } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useCreatePost } from '../../api/posts';
import type { Post } from '../../api/types';
import { Alert, Button, Card, Form, TextField, check } from '../../ui';

export const MARKDOWN_HELP = 'Mise en forme Markdown : **gras**, *italique*, listes avec « - », liens [texte](https://…).';

export function PublishForm({ slug }: { slug: string }) {
  const create = useCreatePost(slug);
  const [created, setCreated] = useState<Post | null>(null);
  return (
    <Card as="section" className="publish">
      <h2 id="publish-title" className="card__title">Publier</h2>
      {created ? (
        <Alert tone="success">
          <p>Votre publication « {created.title} » est en ligne. <Link to={`/publications/${created.id}`}>Voir la publication</Link></p>
        </Alert>
      ) : null}
      <Form
        aria-labelledby="publish-title"
        labels={{ title: 'Titre', body: 'Texte' }}
        validate={(v) => check(v, { title: { required: true, max: LIMITS.postTitle }, body: { required: true, max: LIMITS.postBody } })}
        onSubmit={async (v, _d, form) => {
          setCreated(null);
          const post = await create.mutateAsync({ title: v.title!.trim(), body: v.body! });
          form.reset();
          setCreated(post);
        }}
      >
        <TextField name="title" label="Titre" isRequired maxLength={LIMITS.postTitle} wide />
        <TextField name="body" label="Texte" description={MARKDOWN_HELP} multiline rows={6} isRequired maxLength={LIMITS.postBody} />
        <div className="form__actions">
          <Button type="submit" isPending={create.isPending}>Publier</Button>
        </div>
      </Form>
    </Card>
  );
}
