// A cross-cutting module (kind=module) has no action type: its descriptor class, the fiche check and the fiche go.
import java.nio.file.Files
import java.nio.file.Path

String kind = request.getProperties().getProperty("kind")
if (kind == "module") {
  Path project = Path.of(request.getOutputDirectory(), request.getArtifactId())
  String packagePath = request.getPackage().replace('.', '/')
  ["src/main/java/" + packagePath + "/PluginActionType.java",
   "src/test/java/" + packagePath + "/PluginActionTypeTest.java",
   "src/test/resources/fiche.txt"].each { String file -> Files.deleteIfExists(project.resolve(file)) }
  Path resources = project.resolve("src/test/resources")
  if (Files.isDirectory(resources)) {
    boolean empty = Files.list(resources).withCloseable { it.count() == 0 }
    if (empty) {
      Files.delete(resources)
    }
  }
}
