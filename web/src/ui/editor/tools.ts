import type { Editor } from '@tiptap/core';
import type { Tool } from './Toolbar';

/** Opens the dialogs of the two tools that need more than a click. */
export interface ToolDialogs {
  link: () => void;
  image: () => void;
  help: () => void;
}

const inTable = (e: Editor) => e.isActive('table');

/** The toolbar, in the order a writer needs it; shortcuts are ProseMirror's (Mod is Ctrl, or ⌘ on a Mac). */
// Names never shared with the page around the editor (its « Titre » field, moderation's « Rétablir », the
// dialogs' « Annuler »): a screen reader lists buttons by name, and two alike would be guessed between.
// Glyphs are plain text characters outside Unicode's pictographs (an emoji shows as an empty box where no emoji font
// is installed); where none says it, an SVG icon.
export function editorTools(open: ToolDialogs): Tool[] {
  const chain = (e: Editor) => e.chain().focus();
  return [
    { key: 'bold', label: 'Gras', glyph: 'G', shortcut: 'Mod-b', active: (e) => e.isActive('bold'), run: (e) => chain(e).toggleBold().run() },
    { key: 'italic', label: 'Italique', glyph: 'I', shortcut: 'Mod-i', active: (e) => e.isActive('italic'), run: (e) => chain(e).toggleItalic().run() },
    { key: 'h2', label: 'Section', glyph: 'T1', shortcut: 'Mod-Alt-2', active: (e) => e.isActive('heading', { level: 2 }), run: (e) => chain(e).toggleHeading({ level: 2 }).run() },
    { key: 'h3', label: 'Sous-section', glyph: 'T2', shortcut: 'Mod-Alt-3', active: (e) => e.isActive('heading', { level: 3 }), run: (e) => chain(e).toggleHeading({ level: 3 }).run() },
    { key: 'ul', label: 'Liste à puces', glyph: '•', shortcut: 'Mod-Shift-8', active: (e) => e.isActive('bulletList'), run: (e) => chain(e).toggleBulletList().run() },
    { key: 'ol', label: 'Liste numérotée', glyph: '1.', shortcut: 'Mod-Shift-7', active: (e) => e.isActive('orderedList'), run: (e) => chain(e).toggleOrderedList().run() },
    { key: 'quote', label: 'Citation', glyph: '«»', shortcut: 'Mod-Shift-b', active: (e) => e.isActive('blockquote'), run: (e) => chain(e).toggleBlockquote().run() },
    { key: 'link', label: 'Lien', glyph: { icon: 'link' }, shortcut: 'Mod-k', active: (e) => e.isActive('link'), run: () => open.link() },
    { key: 'image', label: 'Image', glyph: '▣', run: () => open.image() },
    { key: 'table', label: 'Tableau', glyph: '▦', active: inTable, run: (e) => chain(e).insertTable({ rows: 3, cols: 2, withHeaderRow: true }).run() },
    { key: 'row', label: 'Ajouter une ligne au tableau', glyph: '+ligne', when: inTable, run: (e) => chain(e).addRowAfter().run() },
    { key: 'col', label: 'Ajouter une colonne au tableau', glyph: '+col.', when: inTable, run: (e) => chain(e).addColumnAfter().run() },
    { key: 'deltable', label: 'Supprimer le tableau', glyph: '✕▦', when: inTable, run: (e) => chain(e).deleteTable().run() },
    { key: 'undo', label: 'Défaire', glyph: '↶', shortcut: 'Mod-z', run: (e) => chain(e).undo().run() },
    { key: 'redo', label: 'Refaire', glyph: '↷', shortcut: 'Mod-Shift-z', run: (e) => chain(e).redo().run() },
    { key: 'help', label: 'Raccourcis', glyph: '?', run: () => open.help() },
  ];
}

/** What « Raccourcis » lists, beside the toolbar's own shortcuts. */
export const OTHER_SHORTCUTS: [string, string][] = [
  ['Alt + F10', 'Aller à la barre d’outils depuis le texte'],
  ['Flèches gauche et droite', 'Passer d’un bouton à l’autre dans la barre d’outils'],
  ['Échap', 'Revenir au texte depuis la barre d’outils, ou fermer les suggestions'],
  ['@ puis un nom', 'Mentionner un membre ; @animation ou @coordination pour l’équipe'],
  ['Tab et Maj + Tab dans un tableau', 'Passer à la cellule suivante ou précédente'],
  ['Entrée deux fois dans une liste', 'Sortir de la liste'],
];
