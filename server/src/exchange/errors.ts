/** A failure of the import or export command explained in French, shown as it is (exit code 1). */
export class ExchangeError extends Error {}
