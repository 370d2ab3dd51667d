// Plaintexts the client writes for itself, as protocol/e2ee/MarkedJson: a marker that starts with NUL
// (no text message does), then a JSON record.

import { concat, startsWith, text, utf8 } from './bytes.js';

export function markedJson(marker) {
  const mark = utf8(marker);
  return {
    encode: (value) => concat(mark, utf8(JSON.stringify(value))),
    /** The record, or null if the plaintext is not marked so. @throws Error if marked but damaged */
    decode(plaintext) {
      if (!startsWith(plaintext, mark)) return null;
      try {
        const value = JSON.parse(text(plaintext.subarray(mark.length)));
        if (value === null || typeof value !== 'object') throw new Error('empty');
        return value;
      } catch {
        throw new Error(`a damaged record after ${JSON.stringify(marker)}`);
      }
    },
  };
}
