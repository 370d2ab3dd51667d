package org.parley.protocol.frame;

import java.io.IOException;

/**
 * How the header of a frame turns into bytes and back. Clients speak JSON headers
 * ({@link JsonHeaders}); node links may write their busiest headers more compactly. Implementations
 * are stateless and thread-safe.
 *
 * @param <T> the message family of the headers
 */
public interface HeaderCodec<T> {

    /** The bytes of {@code header}; our own records always encode, so failure is a programming error. */
    byte[] write(T header);

    /**
     * Reads the header in {@code length} bytes of {@code buffer} from {@code offset}.
     *
     * @return the header, never null
     * @throws IOException if the bytes are not a header of this family; the message says why
     */
    T read(byte[] buffer, int offset, int length) throws IOException;
}
