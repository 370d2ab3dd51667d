// The login transcript, as protocol/crypto/LoginTranscript: these six lines joined by \n, signed.

import { toBase64, utf8 } from './bytes.js';
import { sign } from './primitives.js';

export function loginTranscript(node, user, challenge, signingKey, agreementKey) {
  return utf8(['parley-login-v1', node, user, challenge, signingKey, agreementKey].join('\n'));
}

/** The login frame's header in answer to the node's hello, signed with {@code me}. */
export async function signedLogin(hello, user, me, password) {
  const signingKey = toBase64(me.signingPublic);
  const agreementKey = toBase64(me.agreementPublic);
  const signature = await sign(me.signingPrivate, loginTranscript(hello.node, user, hello.challenge, signingKey, agreementKey));
  const login = { type: 'login', user, signingKey, agreementKey, signature: toBase64(signature) };
  if (password) login.password = password;
  return login;
}
