package fr.pacte.server.organisations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.identity.Access;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadBodiesTest {

  @Test
  void temporaryFilesLeftByAnEarlierRunAreRemovedAtStartAndAtStop(@TempDir Path data) throws IOException {
    Path folder = Files.createDirectories(data.resolve("uploads"));
    Files.writeString(folder.resolve("left-by-a-crash"), "partial body");
    UploadBodies uploads = new UploadBodies(folder, request -> request.next(), new Access());
    assertEquals(0, count(folder));
    Files.writeString(folder.resolve("left-by-a-request"), "partial body");
    uploads.close();
    assertEquals(0, count(folder));
    assertTrue(Files.isDirectory(folder));
  }

  private static long count(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    }
  }
}
