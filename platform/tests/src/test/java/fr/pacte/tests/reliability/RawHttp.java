package fr.pacte.tests.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that sends bytes as they are, even a malformed request or a body shorter than its Content-Length, and
 * reads whatever comes back: what Java's HTTP client refuses to send.
 */
final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  RawHttp send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** What the server sent until it closed the connection or {@code within} passed; null if nothing came. */
  Answer read(Duration within) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    long start = System.nanoTime();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    boolean closed = false;
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        received.write(buffer, 0, n);
        if (complete(received.toString(StandardCharsets.UTF_8))) {
          break;
        }
      }
      closed = n < 0;
    } catch (SocketTimeoutException e) {
      // nothing more within the time given
    } catch (IOException e) {
      closed = true;
    }
    String text = received.toString(StandardCharsets.UTF_8);
    return new Answer(text, closed, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Whether the server closed the connection within {@code within}, having sent nothing more. */
  boolean closedWithin(Duration within) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static boolean complete(String text) {
    int headersEnd = text.indexOf("\r\n\r\n");
    if (headersEnd < 0) {
      return false;
    }
    String headers = text.substring(0, headersEnd).toLowerCase();
    int at = headers.indexOf("content-length:");
    if (at < 0) {
      return false;
    }
    int length = Integer.parseInt(headers.substring(at + 15).split("\r\n")[0].trim());
    return text.getBytes(StandardCharsets.UTF_8).length - headersEnd - 4 >= length;
  }

  /** A response as received. */
  record Answer(String text, boolean closed, Duration after) {

    int status() {
      return text.isEmpty() ? -1 : Integer.parseInt(text.split(" ", 3)[1]);
    }

    String header(String name) {
      for (String line : text.substring(0, Math.max(0, text.indexOf("\r\n\r\n"))).split("\r\n")) {
        if (line.toLowerCase().startsWith(name.toLowerCase() + ":")) {
          return line.substring(name.length() + 1).trim();
        }
      }
      return null;
    }

    String body() {
      int at = text.indexOf("\r\n\r\n");
      return at < 0 ? "" : text.substring(at + 4);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
