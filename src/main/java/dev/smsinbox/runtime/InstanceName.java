package dev.smsinbox.runtime;

import java.util.Optional;

/**
 * This instance's name among the instances sharing one database (INBOX_INSTANCE_ID): it holds the
 * outbox claims and the housekeeping lease, and the log says it. Unset: the host's name and the
 * process id, unique on one machine and across machines with distinct names.
 */
final class InstanceName {

  private InstanceName() {}

  static String of(Optional<String> configured) {
    return configured.orElseGet(InstanceName::hostAndPid);
  }

  static String hostAndPid() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException | RuntimeException e) {
        host = "inbox";
      }
    }
    String name = host + "-" + ProcessHandle.current().pid();
    // outbox_claim.claimed_by and cluster_lease.holder hold 200 characters.
    return name.length() > 200 ? name.substring(name.length() - 200) : name;
  }
}
