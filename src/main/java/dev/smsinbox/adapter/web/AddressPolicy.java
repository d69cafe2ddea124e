package dev.smsinbox.adapter.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Which addresses a settings save may make the server fetch from. An admin types the URLs, so
 * without this rule the inbox would read its own network (cloud metadata, admin consoles) for them.
 * Checked for every redirect hop. The name is resolved here once and the fetch connects to the
 * address that passed ({@link #check}), so a DNS answer that changes between the check and the
 * fetch (DNS rebinding) cannot lead it elsewhere.
 */
final class AddressPolicy {

  /** Looks a host name up; tests give their own to play a rebinding name server. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;

    Resolver DNS = InetAddress::getAllByName;
  }

  /** The address to connect to, or why not. */
  record Checked(InetAddress address, String whyNot) {}

  /** The ports of the web (80, 443) unless an operator lists others; empty means any port. */
  static final Set<Integer> WEB_PORTS = Set.of(80, 443);

  private final boolean allowPrivate;
  private final Set<Integer> ports;
  private final Resolver resolver;

  AddressPolicy(boolean allowPrivate, Set<Integer> ports, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.ports = Set.copyOf(ports);
    this.resolver = resolver;
  }

  /** Resolves the URI's host once; every address it has must be allowed, the first is used. */
  Checked check(URI uri) {
    String host = bare(uri.getHost());
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    if (!ports.isEmpty() && !ports.contains(port)) {
      return new Checked(null, "port " + port + " is not one the inbox fetches from " + ports);
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return new Checked(null, "the host " + host + " is not known (DNS)");
    }
    if (addresses == null || addresses.length == 0) {
      return new Checked(null, "the host " + host + " is not known (DNS)");
    }
    if (!allowPrivate) {
      for (InetAddress address : addresses) {
        if (isPrivate(address)) {
          return new Checked(
              null,
              "the host "
                  + host
                  + " is a private, local or reserved address ("
                  + address.getHostAddress()
                  + "), which the inbox does not fetch from");
        }
      }
    }
    return new Checked(addresses[0], null);
  }

  /** An IPv6 literal's host comes in brackets from URI. */
  static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** Anything but a public unicast address: private, local, shared, documentation, reserved. */
  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return isReservedV4(b, 0);
    }
    if (address instanceof Inet6Address) {
      return isReservedV6(b);
    }
    return true;
  }

  private static boolean isReservedV4(byte[] b, int at) {
    int first = b[at] & 0xFF;
    int second = b[at + 1] & 0xFF;
    int third = b[at + 2] & 0xFF;
    return first == 0 // "this network"
        || first == 10 // private
        || first == 127 // loopback
        || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT 100.64/10
        || (first == 169 && second == 254) // link-local, cloud metadata
        || (first == 172 && second >= 16 && second <= 31) // private
        || (first == 192 && second == 0 && third == 0) // IETF protocol assignments 192.0.0/24
        || (first == 192 && second == 0 && third == 2) // documentation
        || (first == 192 && second == 88 && third == 99) // 6to4 relay anycast
        || (first == 192 && second == 168) // private
        || (first == 198 && (second == 18 || second == 19)) // benchmarking
        || (first == 198 && second == 51 && third == 100) // documentation
        || (first == 203 && second == 0 && third == 113) // documentation
        || first >= 224; // multicast 224/4, reserved 240/4, broadcast
  }

  private static boolean isReservedV6(byte[] b) {
    int first16 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    if ((first16 & 0xE000) != 0x2000) {
      // Outside global unicast 2000::/3: ::/8 (unspecified, loopback, v4-mapped and -compatible),
      // 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64 to any IPv4, private ones included), 100::/64
      // (discard), fc00::/7, fe80::/10, fec0::/10, ff00::/8.
      return true;
    }
    int second16 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    return first16 == 0x2002 // 6to4: carries any IPv4 address
        || (first16 == 0x2001 && second16 < 0x0200) // 2001::/23 IETF protocol (Teredo, ORCHID)
        || (first16 == 0x2001 && second16 == 0x0db8) // documentation
        || (first16 == 0x3fff && second16 < 0x1000); // documentation 3fff::/20
  }
}
