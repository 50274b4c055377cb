package io.faceflow.console;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The console's admin password as a PBKDF2-HMAC-SHA256 hash: {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}
 * (salt and hash in base64). Operators configure this string, made by {@code faceflow console
 * hash-password}, so the password itself is never written into a config file or a process list.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
    private static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    public PasswordHash {
        if (iterations < 10_000) {
            throw new IllegalArgumentException("a password hash needs at least 10000 PBKDF2 iterations, got "
                    + iterations + ": make a new one with `faceflow hash-password`");
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** Hashes a new password with a fresh random salt. */
    public static PasswordHash of(char[] password, int iterations) {
        if (password.length < 8) {
            throw new IllegalArgumentException("the console password must have at least 8 characters");
        }
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Reads the configured form; says what is wrong with it otherwise. */
    public static PasswordHash parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("the console password hash is not of the form " + SCHEME
                    + "$ITERATIONS$SALT$HASH: make one with `faceflow hash-password`");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return new PasswordHash(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the console password hash cannot be read (" + e.getMessage()
                    + "): make a new one with `faceflow hash-password`", e);
        }
    }

    /** True when {@code password} is the one hashed; compares in constant time. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public String toString() {
        return SCHEME + " (" + iterations + " iterations)";
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA256: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }
}
