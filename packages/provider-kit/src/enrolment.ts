/**
 * @module Enrolment by pairwise ID (サービス申込, 参考２－２), as every provider does it: the PF tells us a viewer
 * signed up; we create our own user ID, link it to the viewer's pairwise ID and keep what they consented to and
 * when. Repeating it is harmless: the same user ID comes back and the newer consent replaces the older. What a
 * new user record holds beyond that is the provider's (see `createUser`).
 */

export interface EnrolmentInput {
  pairwiseId: string;
  serviceId: string;
  consent: { scope: string[]; grantedAt: string; textVersion: string };
}

/** The consent as the providers store it, one column a field. */
export interface ConsentRecord {
  consentScope: string[];
  consentGrantedAt: string;
  consentTextVersion: string;
}

/** What every provider keeps of an enrolled viewer (its own columns come on top). */
export interface EnrolledUser extends ConsentRecord {
  id: string;
  pairwiseId: string;
  serviceId: string;
  /** The viewer's CATV operator, learnt from the PF's enrolment.created event (null until it arrives). */
  operatorId: string | null;
  enrolledAt: string;
}

export interface EnrolmentResult {
  providerUserId: string;
  created: boolean;
}

/** The users repository as enrolment needs it. */
export interface EnrolmentUsers {
  findByPairwiseId(pairwiseId: string): Promise<{ id: string } | undefined>;
  updateConsent(userId: string, consent: ConsentRecord): Promise<void>;
}

/** The part of a provider's store enrolment needs: a transaction whose repositories include `users`. */
export interface EnrolmentStore<Tx extends { users: EnrolmentUsers }> {
  /** Runs `fn` in one write transaction: all of it is stored, or none. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * Enrols a viewer once; inside the same transaction `createUser` stores a new viewer's record (with whatever
 * else the provider keeps) through the transaction's repositories and returns its ID.
 * @example await enrolByPairwiseId(store, input, async (tx, fields) => { await tx.users.insert({ id, ...fields, … }); return id; });
 */
export function enrolByPairwiseId<Tx extends { users: EnrolmentUsers }>(
  store: EnrolmentStore<Tx>,
  input: EnrolmentInput,
  createUser: (
    tx: Tx,
    fields: Pick<EnrolledUser, "pairwiseId" | "serviceId"> & ConsentRecord,
  ) => Promise<string>,
): Promise<EnrolmentResult> {
  return store.transaction(async (tx) => {
    const consent: ConsentRecord = {
      consentScope: input.consent.scope,
      consentGrantedAt: input.consent.grantedAt,
      consentTextVersion: input.consent.textVersion,
    };
    const existing = await tx.users.findByPairwiseId(input.pairwiseId);
    if (existing) {
      await tx.users.updateConsent(existing.id, consent);
      return { providerUserId: existing.id, created: false };
    }
    const providerUserId = await createUser(tx, {
      pairwiseId: input.pairwiseId,
      serviceId: input.serviceId,
      ...consent,
    });
    return { providerUserId, created: true };
  });
}
