/**
 * @module How a call to the PF failed, as the use cases branch on it: not reached at all (status 0), refused for
 * good (a 4xx other than 408/429: sending the same again cannot help), or failed for now (5xx, 408, 429).
 */
export class PfCallError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string) {
    super(status === 0 ? `PF unreachable (${code})` : `PF answered ${status} ${code}`);
    this.name = "PfCallError";
    this.status = status;
    this.code = code;
  }
  /** A refusal that will not change by repeating the request. */
  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
  get unreachable(): boolean {
    return this.status === 0;
  }
}
