package dev.smsinbox.domain;

import java.time.Instant;

/**
 * One of the (at most three) web pages an admin allowed draft replies to use, with the readable
 * text fetched from it when the settings were saved. A page that could not be fetched keeps its
 * URL, status FAILED and the reason, and contributes no text.
 */
public record GroundingPage(
    String url, Status status, String detail, String text, Instant fetchedAt) {

  public enum Status {
    FETCHED,
    FAILED
  }

  public GroundingPage {
    text = text == null ? "" : text;
  }

  public int characters() {
    return text.length();
  }

  public static GroundingPage failed(String url, String detail, Instant at) {
    return new GroundingPage(url, Status.FAILED, detail, "", at);
  }
}
