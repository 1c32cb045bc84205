package fr.pacte.server.web;

import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web layer every feature renders through: security headers, the body handler and CSRF protection, static
 * assets, the page layout, the API description, and the answers when nothing else answered.
 */
public final class WebFeature implements Feature {

  /** Largest request body accepted (JSON and forms). Uploads get their own limit where they exist. */
  public static final long BODY_LIMIT_BYTES = 1024 * 1024;

  private final PageLayout layout;
  private final Node node;

  public WebFeature(Node node) {
    this.node = node;
    this.layout = new PageLayout(node.vertx());
  }

  public PageLayout layout() {
    return layout;
  }

  @Override
  public void filter(Router router) {
    router.route().handler(new SecurityHeaders());
  }

  @Override
  public void mount(Router router) {
    // Routes with their own body handling (uploads) were mounted as filters, before this one.
    router.route().handler(RequestDeadline.of(RequestDeadline.REQUEST));
    router.route().handler(new PageFormBody(BODY_LIMIT_BYTES));
    router.route().handler(new InputGuard());
    router.route().handler(new CsrfProtection());
    router.route("/assets/htmx/*").handler(StaticHandler.create("META-INF/resources/webjars/htmx.org/2.0.4/dist"));
    router.route("/assets/*").handler(StaticHandler.create("assets"));
  }

  @Override
  public void fallback(Router router) {
    new ApiDocs(layout).mount(router);
    router.route().handler(request -> request.fail(404));
    router.route().failureHandler(new FailureHandler(layout, node::stopping));
  }
}
