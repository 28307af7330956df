import { describe, expect, it } from 'vitest';
import { columnsOf, normaliseEmail, parseCsv } from './csv.js';

describe('CSV of a spreadsheet export', () => {
  it('reads « ; » files with a byte order mark, quoted cells, doubled quotes, line breaks inside quotes and blank lines', () => {
    const text = '\uFEFFE-mail;Prénom;Nom;Employeur\r\na@x.fr;Anne;Dupont;"Ville de Brest; direction ""eau"""\r\n\r\nb@x.fr;"Jean\nLoïc";Le Gall;CD 29\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['E-mail', 'Prénom', 'Nom', 'Employeur'] },
      { line: 2, cells: ['a@x.fr', 'Anne', 'Dupont', 'Ville de Brest; direction "eau"'] },
      { line: 4, cells: ['b@x.fr', 'Jean\nLoïc', 'Le Gall', 'CD 29'] },
    ]);
  });

  it('takes « , » when the first line has more commas than semicolons, and a last line without a line break', () => {
    expect(parseCsv('a@x.fr,Anne,"Dupont, épouse Martin"\nb@x.fr,Bob,Lenoir')).toEqual([
      { line: 1, cells: ['a@x.fr', 'Anne', 'Dupont, épouse Martin'] },
      { line: 2, cells: ['b@x.fr', 'Bob', 'Lenoir'] },
    ]);
  });

  it('names columns from a title line in any order, accents and case aside; without one, the documented order', () => {
    expect(columnsOf({ line: 1, cells: ['NOM', 'prenom', 'Adresse e-mail', 'Collectivité', 'Communauté'] }))
      .toEqual({ columns: ['lastName', 'firstName', 'email', 'employer', 'community'], hasTitles: true });
    expect(columnsOf({ line: 1, cells: ['a@x.fr', 'Anne', 'Dupont'] }))
      .toEqual({ columns: ['email', 'firstName', 'lastName', 'employer', 'community'], hasTitles: false });
  });

  it('compares addresses after Unicode compatibility normalisation and lower case', () => {
    expect(normaliseEmail(' ANNE＠Exemple.FR ')).toBe('anne@exemple.fr');
  });
});
