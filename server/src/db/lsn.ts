/**
 * WAL positions (LSN) as PostgreSQL prints them (`16/B374D848`: two 32-bit halves in hexadecimal) and as
 * comparable numbers of bytes. Read-your-writes compares the position a person's write reached on the primary
 * with the position a replica has replayed.
 */

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** The LSN's byte position, or null for anything that is not an LSN (a forged or damaged cookie). */
export function parseLsn(text: string | undefined | null): bigint | null {
  const m = LSN.exec(text ?? '');
  return m ? (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`) : null;
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** Past any real position: what a write is given when the primary cannot tell its own (then the primary serves). */
export const LSN_UNKNOWN = (1n << 64n) - 1n;
