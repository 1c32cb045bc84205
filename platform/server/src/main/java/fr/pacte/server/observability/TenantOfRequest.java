package fr.pacte.server.observability;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tenant slug a path is about ({@code /t/{slug}/…} or {@code /api/tenants/{slug}/…}), for logs and metrics. */
public final class TenantOfRequest {

  private static final Pattern TENANT_PATH = Pattern.compile("^/(?:t|api/tenants)/([a-z][a-z0-9-]{1,39})(?:/|$)");
  public static final String NONE = "none";

  private TenantOfRequest() {
  }

  public static String of(String path) {
    if (path == null) {
      return NONE;
    }
    Matcher matcher = TENANT_PATH.matcher(path);
    return matcher.find() ? matcher.group(1) : NONE;
  }
}
