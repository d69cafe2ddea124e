package dev.smsinbox.domain;

import java.util.List;

/** A multi-part message's status follows its parts: delivered when all are, failed when one is. */
public final class DeliveryProgress {

  private DeliveryProgress() {}

  /**
   * @param parts the parts submitted so far
   * @param totalParts how many parts the message has
   * @return the message's status, given what the carrier said of its parts
   */
  public static MessageStatus of(List<OutboundPart> submitted, int totalParts) {
    // A part still QUEUED is being submitted or its answer never came: it was not accepted.
    List<OutboundPart> parts =
        submitted.stream().filter(p -> p.status() != MessageStatus.QUEUED).toList();
    for (OutboundPart part : parts) {
      if (part.status().isFinal() && part.status() != MessageStatus.DELIVERED) {
        return part.status();
      }
    }
    if (parts.size() < totalParts) {
      return MessageStatus.QUEUED;
    }
    boolean allDelivered = parts.stream().allMatch(p -> p.status() == MessageStatus.DELIVERED);
    return allDelivered ? MessageStatus.DELIVERED : MessageStatus.SENT;
  }

  /** The first failure's reason, for the message's error. */
  public static String error(List<OutboundPart> parts) {
    return parts.stream()
        .filter(p -> p.error() != null)
        .map(OutboundPart::error)
        .findFirst()
        .orElse(null);
  }
}
