// Why an arriving message was not shown: the kinds of protocol/e2ee/OpenFailure, so the warning says it in words.

export const Kind = Object.freeze({
  NOT_ENCRYPTED: 'NOT_ENCRYPTED',
  SENDER_KEY_CHANGED: 'SENDER_KEY_CHANGED',
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  ENVELOPE_MISMATCH: 'ENVELOPE_MISMATCH',
  NOT_FOR_YOU: 'NOT_FOR_YOU',
  WRONG_RECIPIENT_KEY: 'WRONG_RECIPIENT_KEY',
  UNDECRYPTABLE: 'UNDECRYPTABLE',
  REPLAYED: 'REPLAYED',
});

export class OpenFailure extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}
