package fr.pacte.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Renders a module's page inside the tenant's layout (branding, navigation, accessibility landmarks).
 *
 * @since 1.0.0
 */
public interface Pages {

  /**
   * Renders the Pebble template {@code template} (a classpath path inside the plugin jar, e.g.
   * {@code templates/mobility/home.peb}) as the main content of a page titled {@code title}.
   * The template is auto-escaped; {@code model} is available to it by name.
   */
  Future<Void> render(RoutingContext request, String title, String template, Map<String, Object> model);

  /**
   * Renders the standard page of an action type's fiche inside the tenant's layout, titled with its label: target
   * public and eligibility, rhythm and duration, objectives, modalities, participation fields, indicators, expected
   * outcomes, selection criteria, application attachments and notes, in French. The host owns the template, so a
   * plugin whose page is only its fiche needs no template of its own.
   *
   * @since 1.1.0
   */
  Future<Void> renderFiche(RoutingContext request, ActionTypeDescriptor descriptor);
}
