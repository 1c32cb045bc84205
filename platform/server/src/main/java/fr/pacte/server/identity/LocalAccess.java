package fr.pacte.server.identity;

import fr.pacte.server.web.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Until accounts and roles exist, administration (pages and changes) is only served to callers on the same
 * machine. This is the one thing left open, and only on loopback.
 */
public final class LocalAccess implements Handler<RoutingContext> {

  private final boolean changesOnly;

  public LocalAccess() {
    this(false);
  }

  private LocalAccess(boolean changesOnly) {
    this.changesOnly = changesOnly;
  }

  /** Lets reads through and keeps every change (POST, PUT, PATCH, DELETE) to local callers. */
  public static LocalAccess forChanges() {
    return new LocalAccess(true);
  }

  @Override
  public void handle(RoutingContext request) {
    boolean read = request.request().method() == HttpMethod.GET || request.request().method() == HttpMethod.HEAD;
    if ((changesOnly && read) || isLoopback(request)) {
      request.next();
    } else {
      request.fail(403, Problem.forbidden("L'administration n'est accessible que depuis la machine qui héberge Pacte."));
    }
  }

  public static boolean isLoopback(RoutingContext request) {
    if (request.request().remoteAddress() == null || request.request().remoteAddress().hostAddress() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(request.request().remoteAddress().hostAddress()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
