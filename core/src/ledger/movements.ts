// Movements of credit and the balances they add up to.
//
// Each movement source (an exchange proposal, an event, a donation, a grant, a
// joining bonus) yields a list of (account, delta) entries that sums to zero.
// When a source changes (a confirmation arrives, a correction reverses it) the
// old entries are taken back and the new ones applied, so balances stay a sum
// over sources and always total zero.

export type Delta = readonly [account: string, minutes: number];

export interface ExchangeLeg {
  payee: string;
  minutes: number;
  payeeSigned: boolean;
}

export interface ExchangeState {
  payer: string;
  payerSigned: boolean;
  /** The group's confirmation policy at the proposal: "payer" needs only the payer's signature. */
  payerAlone: boolean;
  legs: ExchangeLeg[];
  /** Valid declines (rarely any, so an array): the decline record and the parties its author declined for. */
  declines: { record: string; parties: string[] }[];
}

export interface Source {
  id: string;
  kind: "exchange.propose" | "exchange.event" | "donation" | "grant" | "member.approve";
  /**
   * Entries for sources that move at once (event, donation, grant, bonus), by
   * the record that made them. Concurrent approvals of one member each offer a
   * bonus; only the one from the smallest record id counts.
   */
  fixed: Map<string, Delta[]>;
  exchange: ExchangeState | null;
  /** Valid corrections naming this source; any one reverses it. */
  corrections: string[];
  applied: Delta[];
}

export function legComplete(exchange: ExchangeState, leg: ExchangeLeg): boolean {
  return exchange.payerSigned && (leg.payeeSigned || exchange.payerAlone);
}

export function effectiveDeltas(source: Source): Delta[] {
  if (source.corrections.length > 0) return [];
  if (!source.exchange) {
    const first = [...source.fixed.keys()].sort()[0];
    return first === undefined ? [] : (source.fixed.get(first) as Delta[]);
  }
  const out: Delta[] = [];
  for (const leg of source.exchange.legs) {
    if (legComplete(source.exchange, leg)) out.push([source.exchange.payer, -leg.minutes], [leg.payee, leg.minutes]);
  }
  return out;
}

export class Balances {
  readonly #minutes = new Map<string, number>();

  get(account: string): number {
    return this.#minutes.get(account) ?? 0;
  }

  /** Re-applies a source after any change to it. */
  update(source: Source): void {
    const next = effectiveDeltas(source);
    for (const [account, minutes] of source.applied) this.#add(account, -minutes);
    for (const [account, minutes] of next) this.#add(account, minutes);
    source.applied = next;
  }

  /** Sets a balance as a snapshot recorded it (its sources are restored with it). */
  restore(account: string, minutes: number): void {
    if (!Number.isSafeInteger(minutes)) throw new Error(`balance of ${account} is not a whole number of minutes`);
    this.#minutes.set(account, minutes);
  }

  #add(account: string, minutes: number): void {
    const value = this.get(account) + minutes;
    if (!Number.isSafeInteger(value)) throw new Error(`balance of ${account} left the safe integer range`);
    this.#minutes.set(account, value);
  }

  accounts(): string[] {
    return [...this.#minutes.keys()].sort();
  }

  sum(): number {
    let total = 0;
    for (const account of this.accounts()) total += this.get(account);
    return total;
  }
}
