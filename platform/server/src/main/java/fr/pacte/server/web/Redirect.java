package fr.pacte.server.web;

import io.vertx.ext.web.RoutingContext;

/** Post/redirect/get: after a form is handled, the browser is sent to a page it may reload safely. */
public final class Redirect {

  private Redirect() {
  }

  public static void seeOther(RoutingContext request, String location) {
    request.response().setStatusCode(303).putHeader("Location", location).end();
  }
}
