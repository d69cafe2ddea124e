package dev.smsinbox.adapter.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which hosts a settings save may make the server fetch from. An admin types the URLs, so without
 * this rule the inbox would read its own network (cloud metadata, admin consoles) for them. Checked
 * for every redirect hop. A DNS answer that changes between this check and the fetch is not
 * covered; a proxy with its own egress rules is the place for that.
 */
final class AddressPolicy {

  private final boolean allowPrivate;

  AddressPolicy(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /**
   * @return why the host may not be fetched, or null when it may
   */
  String whyNot(String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return "the host " + host + " is not known (DNS)";
    }
    if (allowPrivate) {
      return null;
    }
    for (InetAddress address : addresses) {
      if (isPrivate(address)) {
        return "the host "
            + host
            + " is a private or local address ("
            + address.getHostAddress()
            + "), which the inbox does not fetch from";
      }
    }
    return null;
  }

  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      return (b[0] & 0xFE) == 0xFC; // unique local fc00::/7
    }
    int first = b[0] & 0xFF;
    int second = b[1] & 0xFF;
    return first == 0 // "this network"
        || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
        || (first == 198 && (second == 18 || second == 19)); // benchmarking
  }
}
