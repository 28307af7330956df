const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const dateOnly = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
const numbers = new Intl.NumberFormat('fr-FR');

/** French writes the first day of a month as an ordinal: « 1er janvier ». */
function firstOfMonth(text: string): string {
  return text.replace(/^1 (?=\p{L})/u, '1er ');
}

export function formatDateTime(iso: string): string {
  return firstOfMonth(dateTime.format(new Date(iso)));
}

export function formatDate(iso: string): string {
  // A bare 'YYYY-MM-DD' is a calendar day: read it at noon UTC so no time zone shifts it.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return firstOfMonth(dateOnly.format(date));
}

export function formatNumber(n: number): string {
  return numbers.format(n);
}

/** "3 membres", "1 membre", "0 membre" (French uses the singular for 0 and 1). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(n)} ${n > 1 ? pluralForm : singular}`;
}

export function fullName(u: { firstName: string; lastName: string }): string {
  return `${u.firstName} ${u.lastName}`;
}
