package dev.smsinbox.runtime.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;

/**
 * Opens the simulator's server socket for jSMPP, on a chosen interface, and keeps hold of it:
 * jSMPP's own factory listens on every interface and hides the socket, so the port picked for port
 * 0 could not be read back.
 */
final class ListeningSocket implements ServerConnectionFactory {

  private final InetAddress bindAddress;
  private volatile ServerSocket socket;

  ListeningSocket(InetAddress bindAddress) {
    this.bindAddress = bindAddress;
  }

  @Override
  public ServerConnection listen(int port) throws IOException {
    return listen(port, 0, 50);
  }

  @Override
  public ServerConnection listen(int port, int timeout) throws IOException {
    return listen(port, timeout, 50);
  }

  @Override
  public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      // A restarted demo must be able to take its port back while old connections linger.
      s.setReuseAddress(true);
      s.setSoTimeout(timeout);
      s.bind(new InetSocketAddress(bindAddress, port), backlog);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    socket = s;
    return new ServerSocketConnection(s);
  }

  int localPort() {
    ServerSocket s = socket;
    return s == null ? -1 : s.getLocalPort();
  }

  boolean isClosed() {
    ServerSocket s = socket;
    return s == null || s.isClosed();
  }
}
