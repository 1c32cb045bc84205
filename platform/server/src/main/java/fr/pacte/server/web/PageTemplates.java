package fr.pacte.server.web;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.attributes.AttributeResolver;
import io.pebbletemplates.pebble.attributes.ResolvedAttribute;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Extension;
import io.pebbletemplates.pebble.node.ArgumentsNode;
import io.pebbletemplates.pebble.template.EvaluationContextImpl;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.templ.pebble.PebbleTemplateEngine;
import io.vertx.ext.web.templ.pebble.impl.PebbleVertxLoader;
import java.util.List;

/**
 * The pages' template engine. Vert.x's default Pebble engine turns Pebble's own cache off, so every page parsed its
 * layout, macros and includes again on each request (most of a dashboard's time on the national data set); this one
 * keeps parsed templates, which never change while a node runs.
 */
final class PageTemplates {

  private PageTemplates() {
  }

  static PebbleTemplateEngine engine(Vertx vertx, Extension... extensions) {
    PebbleEngine.Builder builder = new PebbleEngine.Builder().loader(new PebbleVertxLoader(vertx)).cacheActive(true)
        .extension(new JsonAttributes());
    builder.extension(extensions);
    return PebbleTemplateEngine.create(vertx, PebbleTemplateEngine.DEFAULT_TEMPLATE_EXTENSION, builder.build());
  }

  /** {@code object.name} on a JsonObject and {@code array[0]} on a JsonArray, as Vert.x's default engine reads them. */
  private static final class JsonAttributes extends AbstractExtension implements AttributeResolver {

    @Override
    public List<AttributeResolver> getAttributeResolver() {
      return List.of(this);
    }

    @Override
    public ResolvedAttribute resolve(Object instance, Object attribute, Object[] arguments, ArgumentsNode node,
                                     EvaluationContextImpl context, String file, int line) {
      if (instance instanceof JsonObject object) {
        return new ResolvedAttribute(object.getValue(String.valueOf(attribute)));
      }
      if (instance instanceof JsonArray array && attribute != null) {
        try {
          return new ResolvedAttribute(array.getValue(Integer.parseInt(String.valueOf(attribute))));
        } catch (NumberFormatException | IndexOutOfBoundsException notAnIndex) {
          return null;
        }
      }
      return null;
    }
  }
}
