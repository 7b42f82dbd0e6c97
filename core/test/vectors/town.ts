// A town for pool and merge tests and vectors: group A (Ann founds; Bob and
// Cat), group B (Dan founds; Eve and Fay) and the pool P (Pat founds; the
// library, an organisation with its own account in the pool). A and B ask to
// join P and P admits both. Every key comes from a fixed label, so a town
// always signs the same bytes.
import { bytesToHex as hexOf, type SignedRecord } from "../../src/index.ts";
import { hexBytes, Scene } from "./scene.ts";

export interface TownOptions {
  /** The pool's limit on each group's balance (its credit limit setting). */
  poolLimitMinutes?: number;
  /** Leave B's admission out: B has asked, the pool has not answered. */
  admitB?: boolean;
}

export class Town {
  private constructor(
    readonly a: Scene,
    readonly b: Scene,
    readonly p: Scene,
    readonly joins: { a: SignedRecord; b: SignedRecord },
    readonly admits: SignedRecord[],
  ) {}

  static async create(options: TownOptions = {}): Promise<Town> {
    const a = await Scene.create({ group: "town-a", founder: "ann", members: ["bob", "cat"] });
    const b = await Scene.create({ group: "town-b", name: "Northgate timebank", founder: "dan", members: ["eve", "fay"] });
    const p = await Scene.create({ group: "town-pool", name: "Stevenage town pool", founder: "pat", members: [], creditLimitMinutes: options.poolLimitMinutes ?? 600 });
    await p.join("library", { approve: true, memberKind: "organisation" });
    const joinA = await a.write("ann", "pool.join", { pool: p.groupId, note: "Riverside would like to trade across the town" }, { head: true });
    const joinB = await b.write("dan", "pool.join", { pool: p.groupId }, { head: true });
    const admits = [await p.write("pat", "pool.admit", { group: a.groupId, join: hexBytes(joinA.id) }, { head: true })];
    if (options.admitB !== false) admits.push(await p.write("pat", "pool.admit", { group: b.groupId, join: hexBytes(joinB.id) }, { head: true }));
    return new Town(a, b, p, { a: joinA, b: joinB }, admits);
  }

  sceneOf(name: string): Scene {
    for (const scene of [this.a, this.b, this.p]) if (scene.people.has(name)) return scene;
    throw new Error(`no one called ${name} in the town`);
  }

  /** The payer's side: a pool.pay in the payer's group, seeing its group's latest governance record. */
  pay(payer: string, payee: string, minutes: number, options: { withhold?: boolean; description?: string; pool?: Uint8Array } = {}) {
    const from = this.sceneOf(payer);
    const to = this.sceneOf(payee);
    return from.write(
      payer,
      "pool.pay",
      { pool: options.pool ?? this.p.groupId, payer: from.account(payer), toGroup: to.groupId, payee: to.account(payee), minutes, description: options.description ?? "Help across the town" },
      { withhold: options.withhold ?? false },
    );
  }

  /** The payee's side: a pool.accept in the payee's group naming the payment. */
  accept(payment: SignedRecord<"pool.pay">, options: { withhold?: boolean } = {}) {
    const body = payment.body;
    const to = this.sceneFor(body.toGroup);
    const payee = [...to.people.values()].find((p) => p.key.endsWith(hexOf(body.payee)));
    if (!payee) throw new Error("the payee is not in the group the payment names");
    return to.write(payee, "pool.accept", { pool: body.pool, fromGroup: payment.group, payment: hexBytes(payment.id), payee: body.payee }, { withhold: options.withhold ?? false });
  }

  sceneFor(group: Uint8Array): Scene {
    const hex = hexOf(group);
    const scene = [this.a, this.b, this.p].find((s) => s.groupHex === hex);
    if (!scene) throw new Error(`no group ${hex} in the town`);
    return scene;
  }

  envelopes(): Uint8Array[] {
    return [...this.a.envelopes(), ...this.b.envelopes(), ...this.p.envelopes()];
  }

  key(name: string): string {
    return this.sceneOf(name).key(name);
  }

  /** A group's account in the pool, and its mirror in the group. */
  poolAccount(scene: Scene): string {
    return `${this.p.groupHex}:${scene.groupHex}`;
  }
  mirror(scene: Scene): string {
    return `${scene.groupHex}:pool:${this.p.groupHex}`;
  }
}
