package dev.smsinbox.application;

import dev.smsinbox.application.port.RequestRefused;
import dev.smsinbox.domain.ListPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque {@code cursor} of the conversation list: the position of the last row served. Opaque
 * so clients do not build it; checked so a damaged one is a clear 400, not a wrong page.
 */
public final class ListCursor {

  private static final String VERSION = "c1";

  private ListCursor() {}

  public static String encode(ListPosition position) {
    String raw =
        VERSION
            + ":"
            + position.lastActivityAt().getEpochSecond()
            + ":"
            + position.lastActivityAt().getNano()
            + ":"
            + position.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @return null for a null or blank cursor (the first page)
   */
  public static ListPosition decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      String[] fields = raw.split(":");
      if (fields.length != 4 || !VERSION.equals(fields[0])) {
        throw new IllegalArgumentException();
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(fields[1]), Long.parseLong(fields[2]));
      return new ListPosition(at, Long.parseLong(fields[3]));
    } catch (RuntimeException e) {
      throw RequestRefused.invalid(
          "The cursor is not one this inbox gave out; start again from the first page (no"
              + " cursor).");
    }
  }
}
