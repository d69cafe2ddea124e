package dev.smsinbox.support;

/**
 * Personal data as the log may show it at INFO: a phone number keeps its first four and last two
 * characters ({@code +141******01}), enough to tell numbers apart in a support case, not enough to
 * call anyone. The full number is in the database, for those allowed to see it.
 */
public final class Masked {

  private Masked() {}

  public static String phone(Object number) {
    if (number == null) {
      return "null";
    }
    String text = number.toString();
    if (text.length() <= 6) {
      return "*".repeat(text.length());
    }
    return text.substring(0, 4) + "*".repeat(text.length() - 6) + text.substring(text.length() - 2);
  }
}
