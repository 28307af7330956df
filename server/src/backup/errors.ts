/** A failure the operator can act on: its message is a French sentence printed as is, without a stack. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** A connection string fit to print: the password is replaced. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(adresse illisible)';
  }
}
