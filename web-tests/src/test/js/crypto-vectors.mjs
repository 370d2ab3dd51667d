// Checks the web client's crypto modules against what Java made (java-vectors.json), then seals
// afresh for Java to open (js-sealed.json). Run by CryptoVectorsTest:
//   node crypto-vectors.mjs WEB_ROOT IN OUT
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { randomBytes as nodeRandom } from 'node:crypto';

const [webRoot, inFile, outFile] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(`${webRoot}/js/${path}`).href);

const bytes = await load('crypto/bytes.js');
const { fromBase64: b64d, toBase64: b64, utf8, text } = bytes;
const { identityFromRaw } = await load('crypto/identity.js');
const { sealDirect, openDirect } = await load('crypto/message-seal.js');
const { sealGroup, openGroup, groupLabel } = await load('crypto/group-seal.js');
const { senderKeyPlaintext, senderKeyFrom } = await load('crypto/sender-key.js');
const files = await load('crypto/file-seal.js');
const { safetyNumber } = await load('crypto/safety-number.js');
const { signedLogin } = await load('crypto/login.js');
const { openIdentity, sealIdentity, WrongPassphrase } = await load('crypto/identity-export.js');
const { fingerprint } = await load('crypto/primitives.js');
const { Sha256 } = await load('crypto/sha256-stream.js');
const { Kind } = await load('crypto/open-failure.js');
const voice = await load('crypto/voice-seal.js');

const v = JSON.parse(readFileSync(inFile, 'utf8'));
const keysOf = (who) => identityFromRaw(b64d(who.signingPrivate), b64d(who.agreementPrivate));
const alice = await keysOf(v.alice);
const bob = await keysOf(v.bob);
const sealed = {};

test('identities imported from raw private keys have the public keys Java derives', () => {
  assert.equal(b64(alice.signingPublic), v.alice.signingPublic);
  assert.equal(b64(alice.agreementPublic), v.alice.agreementPublic);
  assert.equal(b64(bob.agreementPublic), v.bob.agreementPublic);
});

test('a direct message sealed with the same randomness is the same bytes, and Java\'s opens', async () => {
  const d = v.direct;
  const mine = await sealDirect(alice, d.id, d.from, d.to, bob.agreementPublic, b64d(d.plaintext),
    { ephemeralPrivate: b64d(d.ephemeralPrivate), nonce: b64d(d.nonce) });
  assert.equal(b64(mine), d.body);
  const opened = await openDirect(bob, d.to, d.id, d.from, alice.signingPublic, b64d(d.body));
  assert.equal(b64(opened), d.plaintext);
});

test('a direct message that fails a check says which', async () => {
  const d = v.direct;
  const body = b64d(d.body);
  await assert.rejects(openDirect(bob, d.to, d.id, d.from, bob.signingPublic, body), { kind: Kind.SENDER_KEY_CHANGED });
  await assert.rejects(openDirect(bob, d.to, 'other', d.from, alice.signingPublic, body), { kind: Kind.ENVELOPE_MISMATCH });
  await assert.rejects(openDirect(bob, 'carol@node-b', d.id, d.from, alice.signingPublic, body), { kind: Kind.NOT_FOR_YOU });
  const altered = body.slice();
  altered[altered.length - 1] ^= 1;
  await assert.rejects(openDirect(bob, d.to, d.id, d.from, alice.signingPublic, altered), { kind: Kind.BAD_SIGNATURE });
  await assert.rejects(openDirect(bob, d.to, d.id, d.from, alice.signingPublic, utf8('plain')), { kind: Kind.NOT_ENCRYPTED });
});

test('sender keys and group messages are the same bytes as Java\'s, and Java\'s open', async () => {
  const g = v.group;
  const key = { group: g.group, epoch: g.epoch, keyId: b64d(g.keyId), key: b64d(g.key) };
  assert.equal(b64(senderKeyPlaintext(key)), g.senderKeyPlaintext);
  const given = senderKeyFrom(b64d(g.senderKeyPlaintext));
  assert.deepEqual([given.group, given.epoch, b64(given.keyId), b64(given.key)], [g.group, g.epoch, g.keyId, g.key]);
  assert.equal(senderKeyFrom(utf8('hello')), null);
  assert.equal(b64(await sealGroup(alice, g.id, g.from, key, b64d(g.plaintext), b64d(g.nonce))), g.body);
  assert.equal(groupLabel(b64d(g.body)).epoch, g.epoch);
  assert.equal(b64(await openGroup(g.id, g.from, g.group, alice.signingPublic, key, b64d(g.body))), g.plaintext);
  await assert.rejects(openGroup(g.id, g.from, '#other@node-a', alice.signingPublic, key, b64d(g.body)), { kind: Kind.NOT_FOR_YOU });
  sealed.group = b64(await sealGroup(bob, 'w2', 'bob@node-b', key, utf8('to the group, ✓')));
});

test('file chunks, offers and refusals are the same bytes as Java\'s, and Java\'s chunks open only in place', async () => {
  const f = v.file;
  const fileKey = { fileId: f.fileId, key: b64d(f.key), noncePrefix: b64d(f.noncePrefix) };
  const one = files.decodeChunk(b64d(f.chunk1));
  assert.deepEqual([one.fileId, one.index, one.last], ['f1', 1, false]);
  assert.equal(b64(files.encodeChunk('f1', 1, false, await files.sealChunk(fileKey, 1, false, b64d(f.plaintext)))), f.chunk1);
  assert.equal(b64(await files.openChunk(fileKey, 1, false, one.sealed)), f.plaintext);
  const last = files.decodeChunk(b64d(f.chunk2Last));
  await assert.rejects(files.openChunk(fileKey, 2, false, last.sealed), { kind: Kind.UNDECRYPTABLE });
  assert.equal(files.isChunk(b64d(f.chunk1)), true);
  assert.equal(files.isChunk(b64d(v.direct.body)), false);

  const offer = files.offerFrom(b64d(f.offerPlaintext));
  assert.deepEqual([offer.name, offer.size, offer.chunkBytes, files.chunkCount(offer)], ['notes ü.txt', 2500, 1000, 3]);
  assert.equal(b64(files.offerPlaintext(fileKey, 'notes ü.txt', 2500, 'ab'.repeat(32), 1000)), f.offerPlaintext);
  assert.equal(b64(files.declinedPlaintext('f1', 'notes ü.txt')), f.declinedPlaintext);
  assert.equal(files.declinedFrom(b64d(f.declinedPlaintext)).name, 'notes ü.txt');
  sealed.chunk = b64(files.encodeChunk('f1', 0, true, await files.sealChunk(fileKey, 0, true, b64d(f.plaintext))));
});

test('the safety number is the same 60 digits', async () => {
  assert.equal(await safetyNumber(v.alice.user, alice.signingPublic, alice.agreementPublic,
    v.bob.user, bob.signingPublic, bob.agreementPublic), v.safety.number);
  assert.equal(await safetyNumber(v.bob.user, bob.signingPublic, bob.agreementPublic,
    v.alice.user, alice.signingPublic, alice.agreementPublic), v.safety.number);
});

test('the login is signed over the same transcript', async () => {
  const l = v.login;
  const login = await signedLogin({ node: l.node, challenge: l.challenge }, l.user, alice);
  assert.equal(login.signature, l.signature);
  assert.equal(login.signingKey, v.alice.signingPublic);
});

test('an identity exported by the command-line client opens with its passphrase only', async () => {
  const opened = await openIdentity(v.export, v.exportPassphrase);
  assert.equal(opened.user, 'alice');
  assert.equal(b64(opened.signingPrivate), v.alice.signingPrivate);
  assert.equal(b64(opened.agreementPrivate), v.alice.agreementPrivate);
  await assert.rejects(openIdentity(v.export, 'wrong horse'), WrongPassphrase);
  const again = await sealIdentity('alice', bytes.concat(b64d(v.alice.signingPrivate), b64d(v.alice.agreementPrivate)),
    v.exportPassphrase, v.export.iterations, { salt: b64d(v.export.salt), nonce: b64d(v.export.nonce) });
  assert.deepEqual(again, v.export);
  sealed.export = await sealIdentity('alice', bytes.concat(b64d(v.alice.signingPrivate), b64d(v.alice.agreementPrivate)),
    v.exportPassphrase, 100000);
});

test('SHA-256 fed in pieces of any size equals WebCrypto\'s', async () => {
  for (const size of [0, 1, 55, 56, 63, 64, 65, 1000, 100000]) {
    const data = new Uint8Array(nodeRandom(size));
    const whole = bytes.toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
    const h = new Sha256();
    for (let at = 0; at < size; at += 37) h.update(data.subarray(at, Math.min(size, at + 37)));
    assert.equal(h.hex(), whole, `size ${size}`);
  }
});

test('voice keys, sealed frames and packets are the same bytes as Java\'s, and Java\'s open only in place', async () => {
  const x = v.voice;
  const key = voice.voiceKeyFrom(b64d(x.keyPlaintext));
  assert.deepEqual({ room: key.room, epoch: key.epoch, keyId: b64(key.keyId), key: b64(key.key) },
    { room: x.room, epoch: x.epoch, keyId: x.keyId, key: x.key });
  assert.equal(b64(voice.voiceKeyPlaintext(key)), x.keyPlaintext);
  assert.equal(b64(await voice.sealVoice(key, x.ssrc, x.seq, b64d(x.frame))), x.sealed);
  assert.equal(b64(await voice.openVoice(key, x.ssrc, x.seq, b64d(x.sealed))), x.frame);
  await assert.rejects(voice.openVoice(key, x.ssrc, x.seq + 1, b64d(x.sealed)));
  await assert.rejects(voice.openVoice(key, x.ssrc ^ 1, x.seq, b64d(x.sealed)));
  assert.equal(voice.sealedKeyId(b64d(x.sealed)), bytes.toHex(key.keyId));
  assert.equal(b64(voice.audioPacket(b64d(x.token), x.ssrc, x.seq, b64d(x.sealed))), x.packet);
  assert.equal(b64(voice.keepalive(b64d(x.token))), x.keepalive);
  const relayed = voice.readFromNode(b64d(x.relayed));
  assert.deepEqual([relayed.ssrc, relayed.seq, b64(relayed.sealed)], [x.ssrc, x.seq, x.sealed]);
  assert.equal(voice.readFromNode(b64d(x.keepalive)), null);
});

test('the replay window takes each number once, in any order within its size', () => {
  const window = new voice.ReplayWindow(128);
  assert.ok(window.accept(5) && window.accept(3) && window.accept(200));
  assert.ok(!window.accept(5) && !window.accept(200) && !window.isFresh(200 - 128));
  assert.ok(window.accept(199) && window.accept(73) && !window.accept(72));
});

test('fresh seals for Java to open', async () => {
  const voiceKey = voice.newVoiceKey('#team@node-a', 3);
  sealed.voiceKeyPlaintext = b64(voice.voiceKeyPlaintext(voiceKey));
  sealed.voicePacket = b64(voice.audioPacket(b64d(v.voice.token), 7, 9, await voice.sealVoice(voiceKey, 7, 9, b64d(v.voice.frame))));
  sealed.direct = b64(await sealDirect(bob, 'w1', 'bob@node-b', 'alice@node-a', alice.agreementPublic, utf8('from the browser, ✓')));
  sealed.bobFingerprint = await fingerprint(bob.signingPublic);
  assert.equal(text(utf8('✓')), '✓');
});

test.after(() => writeFileSync(outFile, JSON.stringify(sealed)));
