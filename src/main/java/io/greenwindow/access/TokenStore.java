package io.greenwindow.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where bearer tokens are kept, as hashes only. Every method is one transaction. */
public interface TokenStore {

    /**
     * Creates a token and returns its secret (the only time it exists outside the caller's hands).
     *
     * @param expiresAt null for a token that does not expire
     * @throws TokenNameTakenException when a token (even a revoked one) already has this name
     */
    NewToken create(String name, Role role, Set<String> teams, String createdBy, Instant expiresAt);

    /** Who holds this secret, judged at the store's clock; compares hashes in constant time. */
    Authentication authenticate(String secret);

    /** Every token, oldest first, revoked ones included (their record is the audit). */
    List<TokenInfo> list();

    Optional<TokenInfo> find(String name);

    /**
     * Revokes a token from now on.
     *
     * @return the revoked record; {@link TokenNotFoundException} when unknown; a token revoked before stays as it was
     */
    TokenInfo revoke(String name, String revokedBy);

    /** Whether a token of this name exists (for picking a free name). */
    default boolean exists(String name) {
        return find(name).isPresent();
    }
}
