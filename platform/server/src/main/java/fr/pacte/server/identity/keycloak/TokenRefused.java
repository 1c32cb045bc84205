package fr.pacte.server.identity.keycloak;

/**
 * Why {@link TokenVerifier} refused a bearer token. The message is for logs; do not send it to the caller beyond
 * {@code error="invalid_token"} (RFC 6750), it tells an attacker which check failed.
 */
public final class TokenRefused extends RuntimeException {

  /** One reason per check, in the order the checks run. */
  public enum Reason {
    /** Not a compact JWS (three base64url parts of JSON), too long, or without a required claim. */
    MALFORMED,
    /** Header {@code alg} is not RS256 ({@code none}, HS256, ES256…). */
    UNSUPPORTED_ALGORITHM,
    /** {@code iss} is not the realm of a known tenant or the platform realm. No network call is made for it. */
    UNKNOWN_ISSUER,
    /** The realm's keys have no key with this {@code kid}, even after the (rate-limited) refetch. */
    UNKNOWN_KEY,
    /** The signature does not verify with the realm's key. */
    BAD_SIGNATURE,
    /** {@code exp} is past (beyond the leeway). */
    EXPIRED,
    /** {@code nbf} is in the future (beyond the leeway). */
    NOT_YET_VALID,
    /** Keycloak's {@code typ} claim is not {@code Bearer}: an ID or refresh token. */
    NOT_AN_ACCESS_TOKEN,
    /** Neither {@code aud} nor {@code azp} names Pacte's API client. */
    WRONG_AUDIENCE,
    /** A valid token of another tenant (or of the platform) than the one the request is for. */
    WRONG_TENANT,
    /** The realm's keys could not be fetched (Keycloak down or unreachable): a server-side failure. */
    KEYS_UNAVAILABLE
  }

  private final Reason reason;

  public TokenRefused(Reason reason, String message) {
    this(reason, message, null);
  }

  public TokenRefused(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status to answer with: 503 if the keys could not be fetched, 401 otherwise. */
  public int status() {
    return reason == Reason.KEYS_UNAVAILABLE ? 503 : 401;
  }
}
