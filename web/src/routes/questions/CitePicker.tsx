import { useState, type Key } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { keys } from '../../api/keys';
import type { Post } from '../../api/types';
import { formatDate } from '../../lib/format';
import { useSuggest } from './api';

const KIND_LABELS: Record<string, string> = {
  discussion: 'Discussion', question: 'Question', article: 'Article', veille: 'Veille', ressource: 'Ressource',
  evenement: 'Événement', sondage: 'Sondage', partage: 'Partage',
};

/** Inserts text at the caret of a React-managed textarea, as if typed, so the form state follows. */
function insertInto(field: HTMLTextAreaElement, text: string): void {
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  const before = field.value.slice(0, start);
  const spaced = before === '' || /\s$/.test(before) ? text : ` ${text}`;
  const next = `${before}${spaced}${field.value.slice(end)}`;
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(field, next);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.focus();
  const caret = before.length + spaced.length;
  field.setSelectionRange(caret, caret);
}

/**
 * "Citer une publication": search-as-you-type over the posts of the community and of its related communities
 * (titles, accents ignored; resources included);
 * choosing one adds a Markdown link to it in the answer. Shown on questions only.
 */
export function CitePicker({ postId, targetId }: { postId: number; targetId: string }) {
  const post = useQueryClient().getQueryData<Post>(keys.post(postId));
  const slug = post?.kind === 'question' ? post.community.slug : '';
  const [q, setQ] = useState('');
  const [added, setAdded] = useState('');
  // The animation cites the related communities' answers and resources (CNFPT fiches…) too.
  const suggest = useSuggest(slug, slug ? q : '', true);
  if (!slug) return null;
  const typed = q.trim().length >= 2;
  // The previous results stay while typing, but never once the field is cleared.
  const items = typed ? (suggest.data?.items ?? []).filter((i) => i.id !== postId) : [];

  const pick = (key: Key | null) => {
    const item = items.find((i) => i.id === key);
    const field = document.getElementById(targetId);
    if (!item || !field) return;
    const title = item.title.replace(/([[\]\\])/g, '\\$1');
    setAdded(`Lien vers « ${item.title} » ajouté à votre commentaire.`);
    setQ('');
    // After the list has closed, so focus lands in the text with the rest of the page reachable.
    const link = `[${title}](/publications/${item.id})`;
    // The rich editor (ui/MarkdownEditor) takes the link through an event; its Markdown mode is a textarea.
    requestAnimationFrame(() => (field instanceof HTMLTextAreaElement ? insertInto(field, link) : field.dispatchEvent(new CustomEvent('md-insert', { detail: link }))));
  };

  return (
    <div className="cite-picker">
      <ComboBox
        className="field"
        inputValue={q}
        onInputChange={(v) => { setQ(v); setAdded(''); }}
        selectedKey={null}
        onSelectionChange={pick}
        items={items}
        defaultFilter={() => true}
        menuTrigger="input"
        // Results arrive after typing: the list opens at once and fills in.
        allowsEmptyCollection={typed}
      >
        <Label className="field__label">Citer une publication (facultatif)</Label>
        <Text slot="description" className="field__description">
          Saisissez au moins 2 lettres d’un titre : publications et ressources de cette e-communauté et des e-communautés liées. Un lien vers la publication choisie est ajouté à votre commentaire.
        </Text>
        {/* Enter chooses a suggestion; it must never send the comment from this field. */}
        <Input className="input" onKeyDown={(e) => { if (e.key === 'Enter') e.preventDefault(); }} />
        <Popover className="cite-picker__popover" placement="bottom start">
          <ListBox
            className="cite-picker__list"
            renderEmptyState={() => (
              <p className="cite-picker__empty small muted">{!typed ? 'Saisissez au moins 2 lettres.' : suggest.isFetching ? 'Recherche…' : 'Aucune publication ne correspond.'}</p>
            )}
          >
            {(item: (typeof items)[number]) => (
              <ListBoxItem id={item.id} textValue={item.title} className="cite-picker__option">
                <span className="cite-picker__title">{item.title}</span>
                <span className="small muted">
                  {' '}— {KIND_LABELS[item.kind] ?? item.kind}, {formatDate(item.createdAt)}
                  {item.community.slug !== slug ? `, e-communauté « ${item.community.name} »` : ''}
                </span>
              </ListBoxItem>
            )}
          </ListBox>
        </Popover>
      </ComboBox>
      <p role="status" className="small muted cite-picker__status">
        {added || (typed && suggest.data && items.length === 0 ? `Aucune publication ne correspond à « ${q.trim()} ».` : '')}
      </p>
    </div>
  );
}
