package dev.smsinbox.adapter.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET sent to an address already checked, with the URL's host kept for the Host
 * header, TLS SNI and certificate check. Written by hand because jsoup (and HttpURLConnection under
 * it) would look the name up again, which is what DNS rebinding relies on. No compression is asked
 * for; the body is kept up to a limit.
 */
final class PinnedRequest {

  /** What came back: the status, headers with lower-case names, and the body read. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private PinnedRequest() {}

  static Answer get(
      URI uri, InetAddress address, Duration timeout, int maxBodyBytes, String userAgent)
      throws IOException {
    boolean https = "https".equals(uri.getScheme());
    int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
    String host = AddressPolicy.bare(uri.getHost());
    int millis = (int) timeout.toMillis();
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(address, port), millis);
      socket.setSoTimeout(millis);
      if (https) {
        SSLSocket tls =
            (SSLSocket)
                ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate names the host
        if (!host.contains(":") && !host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
          parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        socket = tls;
      }
      String target =
          uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      if (uri.getRawQuery() != null) {
        target += "?" + uri.getRawQuery();
      }
      String hostHeader = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
      String request =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: "
              + hostHeader
              + "\r\nUser-Agent: "
              + userAgent
              + "\r\nAccept: text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
              + "\r\nAccept-Encoding: identity\r\nConnection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String statusLine = line(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not an HTTP answer");
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("not an HTTP status: " + parts[1]);
      }
      Map<String, String> headers = new HashMap<>();
      int headerBytes = 0;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        headerBytes += header.length();
        if (headerBytes > MAX_HEADER_BYTES) {
          throw new IOException("headers too large");
        }
        int colon = header.indexOf(':');
        if (colon > 0) {
          headers.putIfAbsent(
              header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
              header.substring(colon + 1).strip());
        }
      }
      byte[] body = new byte[0];
      if (status >= 200 && status != 204 && status != 304 && !(status >= 300 && status < 400)) {
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
          body = chunked(in, maxBodyBytes);
        } else if (headers.containsKey("content-length")) {
          long length = Long.parseLong(headers.get("content-length").strip());
          body = in.readNBytes((int) Math.min(length, maxBodyBytes));
        } else {
          body = in.readNBytes(maxBodyBytes);
        }
      }
      return new Answer(status, headers, body);
    } catch (NumberFormatException e) {
      throw new IOException("a malformed HTTP answer");
    } finally {
      socket.close();
    }
  }

  private static byte[] chunked(InputStream in, int maxBodyBytes) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (body.size() < maxBodyBytes) {
      String size = line(in);
      int semicolon = size.indexOf(';');
      int length =
          Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
      if (length == 0) {
        break;
      }
      byte[] chunk = in.readNBytes(Math.min(length, maxBodyBytes - body.size()));
      body.write(chunk);
      if (chunk.length < length) {
        break; // the limit, or the server closed early
      }
      line(in); // the CRLF after the chunk
    }
    return body.toByteArray();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c == -1) {
        if (line.size() == 0) {
          throw new IOException("the server closed the connection");
        }
        break;
      }
      if (line.size() > MAX_HEADER_BYTES) {
        throw new IOException("a header line too long");
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
