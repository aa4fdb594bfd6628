/**
 * @module The contact interface of an ICC as a reader sees it (ISO/IEC 7816-3/-4).
 *
 * Implemented by the emulated My Number card; used by the virtual CCID reader. A real card behind a
 * real reader never appears as this interface: the driver talks CCID to the reader instead.
 */

export interface SmartCard {
  /**
   * Cold or warm reset. Returns the ATR and clears all volatile state: the selected application and
   * file, and every PIN verification (JPKI clients re-select the AP after a reset for this reason).
   */
  powerOn(): Uint8Array;
  /** Removes power; the next command needs a powerOn first. */
  powerOff(): void;
  /**
   * Processes one command APDU (short or extended form) and returns the response APDU: data followed
   * by SW1 SW2. Malformed commands get an ISO 7816 status word, never an exception.
   */
  transmit(command: Uint8Array): Promise<Uint8Array>;
}
