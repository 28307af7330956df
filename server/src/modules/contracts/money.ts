/** Amounts are integer cents; hours travel as minutes so that 12 h 30 stays exact. */
export function amountCents(minutes: number, hourlyRateCents: number): number {
  return Math.round((minutes * hourlyRateCents) / 60);
}

/** 50440 → "504,40 €" (French formatting, narrow no-break spaces as Intl writes them). */
export function euros(cents: number): string {
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** 750 → "12,5 h". */
export function hours(minutes: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(minutes / 60)} h`;
}

/** 50440 → "504.40" for payroll CSV (a dot, no symbol: what spreadsheets and payroll imports read unambiguously). */
export function plainEuros(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, '0')}`;
}
