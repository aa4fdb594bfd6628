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

/** The part of a provider's store enrolment needs. */
export interface EnrolmentStore {
  /** Runs `fn` in one write transaction: all of it is stored, or none. */
  transaction<T>(fn: () => T): T;
  users: {
    findByPairwiseId(pairwiseId: string): { id: string } | undefined;
    updateConsent(userId: string, consent: ConsentRecord): void;
  };
}

/**
 * Enrols a viewer once; inside the same transaction `createUser` stores a new viewer's record (with whatever
 * else the provider keeps) and returns its ID.
 * @example enrolByPairwiseId(store, input, (fields) => { store.users.insert({ id, ...fields, … }); return id; });
 */
export function enrolByPairwiseId(
  store: EnrolmentStore,
  input: EnrolmentInput,
  createUser: (fields: Pick<EnrolledUser, "pairwiseId" | "serviceId"> & ConsentRecord) => string,
): EnrolmentResult {
  return store.transaction(() => {
    const consent: ConsentRecord = {
      consentScope: input.consent.scope,
      consentGrantedAt: input.consent.grantedAt,
      consentTextVersion: input.consent.textVersion,
    };
    const existing = store.users.findByPairwiseId(input.pairwiseId);
    if (existing) {
      store.users.updateConsent(existing.id, consent);
      return { providerUserId: existing.id, created: false };
    }
    const providerUserId = createUser({
      pairwiseId: input.pairwiseId,
      serviceId: input.serviceId,
      ...consent,
    });
    return { providerUserId, created: true };
  });
}
