package org.parley.protocol.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106, version 0x13), through Bouncy Castle: the slow, memory-hard derivation that
 * turns a password or passphrase into a key or a stored hash. Deliberately expensive: never call it
 * on an event loop.
 */
public final class Argon2id {

    private Argon2id() {
    }

    /**
     * What one derivation costs. Parameters read back from a file or a database are checked
     * against these bounds first, so a damaged record cannot ask for gigabytes or hours.
     */
    public record Cost(int memoryKiB, int iterations, int parallelism) {

        /** RFC 9106's second recommendation, for secrets kept on disk: 64 MiB, 3 passes, 1 lane. */
        public static final Cost FOR_KEYS = new Cost(64 * 1024, 3, 1);
        /** OWASP's minimum for login passwords, which a node checks at every login: 19 MiB, 2 passes. */
        public static final Cost FOR_PASSWORDS = new Cost(19 * 1024, 2, 1);

        public static final int MAX_MEMORY_KIB = 1024 * 1024;
        public static final int MAX_ITERATIONS = 64;
        public static final int MAX_PARALLELISM = 16;

        public Cost {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("Argon2id parallelism " + parallelism + " is outside 1.."
                        + MAX_PARALLELISM);
            }
            if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("Argon2id memory " + memoryKiB + " KiB is outside "
                        + 8 * parallelism + ".." + MAX_MEMORY_KIB);
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("Argon2id iterations " + iterations + " is outside 1.."
                        + MAX_ITERATIONS);
            }
        }
    }

    public static byte[] derive(byte[] password, byte[] salt, Cost cost, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
