package fr.pacte.server.platform;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * A request line announcing an HTTP version other than 1.0 and 1.1 (such as {@code GET / HTTP/9.9}) would get a bare
 * {@code 501} from Vert.x, before any handler of ours. Such a request is marked here, between the HTTP decoder and
 * Vert.x, as one the decoder could not read, so that it reaches the invalid-request handler of {@link RequestLimits}
 * and is answered like every other malformed request: a {@code 505} problem+json, then the connection closed.
 */
final class UnsupportedVersions {

  private static final String NAME = "pacte-http-version";
  /** Vert.x's name for the HTTP/1.x decoder in a connection's pipeline. */
  private static final String DECODER = "httpDecoder";

  private UnsupportedVersions() {
  }

  /** The cause of the decoder failure an unsupported version becomes. */
  static final class Refused extends RuntimeException {

    private final String version;

    Refused(String version) {
      super("unsupported HTTP version " + version, null, false, false);
      this.version = version;
    }

    String version() {
      return version;
    }
  }

  /** Watches the requests of an HTTP/1.x connection; other connections are left as they are. */
  static void watch(HttpConnection connection) {
    if (http1(connection)) {
      ChannelPipeline pipeline = ((ConnectionBase) connection).channel().pipeline();
      if (pipeline.get(NAME) == null) {
        pipeline.addAfter(DECODER, NAME, new Check());
      }
    }
  }

  /** Whether {@code connection} reads HTTP/1.x now (not HTTP/2, nor upgraded to it since it opened). */
  static boolean http1(HttpConnection connection) {
    return connection instanceof ConnectionBase base && base.channel().pipeline().get(DECODER) != null;
  }

  @ChannelHandler.Sharable
  private static final class Check extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      if (message instanceof HttpRequest request && request.decoderResult().isSuccess()) {
        HttpVersion version = request.protocolVersion();
        if (!version.equals(HttpVersion.HTTP_1_1) && !version.equals(HttpVersion.HTTP_1_0)) {
          String sent = version.text().length() > 20 ? version.text().substring(0, 20) : version.text();
          request.setProtocolVersion(HttpVersion.HTTP_1_1); // so that the answer itself is well formed
          request.setDecoderResult(DecoderResult.failure(new Refused(sent)));
        }
      }
      context.fireChannelRead(message);
    }
  }
}
