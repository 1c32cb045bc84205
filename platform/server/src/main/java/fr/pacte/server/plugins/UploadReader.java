package fr.pacte.server.plugins;

import fr.pacte.server.identity.Permission;
import io.vertx.ext.web.Router;
import java.util.List;

/** Reads the bodies of file uploads at {@code paths}, once the caller is known to hold {@code permission}. */
@FunctionalInterface
public interface UploadReader {

  void mount(Router router, List<String> paths, Permission permission);
}
