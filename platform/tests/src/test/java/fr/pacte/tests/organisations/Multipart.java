package fr.pacte.tests.organisations;

import fr.pacte.testkit.TestPlatform;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A multipart/form-data body as a browser sends it, with the caller's CSRF token. The test kit's client sends text,
 * so file contents here are ASCII (a PDF header is; a PNG's is not).
 */
public final class Multipart {

  public static final String BOUNDARY = "----pacte-test-boundary-7MA4YWxkTrZu0gW";
  public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

  private final Map<String, String> fields = new LinkedHashMap<>();
  private String fileName;
  private String fileContent;

  public Multipart field(String name, String value) {
    fields.put(name, value);
    return this;
  }

  public Multipart file(String name, String content) {
    this.fileName = name;
    this.fileContent = content;
    return this;
  }

  /** The body, with the {@code _csrf} field of the page this client opened last (as a browser's form would carry). */
  public String body(TestPlatform.Client client) {
    StringBuilder body = new StringBuilder();
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", client.csrfToken());
    all.forEach((name, value) -> body.append("--").append(BOUNDARY).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
    if (fileName != null) {
      body.append("--").append(BOUNDARY).append("\r\n")
          .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(fileName).append("\"\r\n")
          .append("Content-Type: application/octet-stream\r\n\r\n").append(fileContent).append("\r\n");
    }
    return body.append("--").append(BOUNDARY).append("--\r\n").toString();
  }

  public static String pdf(String text, int padding) {
    return "%PDF-1.4\n% " + text + "\n" + "0".repeat(padding) + "\n%%EOF\n";
  }
}
