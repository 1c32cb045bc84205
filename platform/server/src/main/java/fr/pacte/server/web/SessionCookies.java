package fr.pacte.server.web;

/** The names of the session cookies: one per tenant, so being signed in to two départements does not mix them. */
public final class SessionCookies {

  private static final String PREFIX = "pacte_session";

  private SessionCookies() {
  }

  /** The session cookie of a tenant, or of the platform when {@code tenant} is null. */
  public static String name(String tenant) {
    return tenant == null ? PREFIX : PREFIX + "_" + tenant.replace('-', '_');
  }
}
