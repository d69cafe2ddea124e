package dev.smsinbox.application.port;

import dev.smsinbox.domain.GroundingPage;

/**
 * Fetches a web page an admin allowed draft replies to use and extracts its readable text.
 * Implementations bound size, time and redirects, and answer a {@link GroundingPage.Status#FAILED}
 * page with the reason instead of throwing.
 */
public interface PageReader {

  GroundingPage read(String url);
}
