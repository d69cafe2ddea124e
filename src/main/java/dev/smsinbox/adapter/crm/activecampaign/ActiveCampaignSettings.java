package dev.smsinbox.adapter.crm.activecampaign;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One ActiveCampaign account as the connector reaches it. Made from {@code crm.activecampaign.*}
 * today; a per-account factory makes one from the account's own settings the same way.
 *
 * @param url the account's API address, {@code https://<account>.api-us1.com} (without /api/3)
 * @param apiToken sent as the Api-Token header; never shown ({@link #toString()} hides it)
 * @param appUrl where a person opens the account, for the profile link: {@code
 *     https://<account>.activehosted.com}
 * @param pipeline the deal pipeline (ActiveCampaign "group") new deals go to
 * @param stage the stage of a new deal whose stage name is none of the pipeline's
 * @param owner the user who owns the deals created from the inbox
 * @param smsLists the names of the lists that are SMS lists; empty for every list
 * @param requestsPerSecond at most this many requests a second (ActiveCampaign allows 5)
 * @param timeout how long one request may take
 * @param maxRetryAfter the longest Retry-After the connector waits out before failing the call
 */
public record ActiveCampaignSettings(
    URI url,
    String apiToken,
    URI appUrl,
    String pipeline,
    String stage,
    String owner,
    List<String> smsLists,
    int requestsPerSecond,
    Duration timeout,
    Duration maxRetryAfter) {

  public ActiveCampaignSettings {
    String base = url.toString();
    url = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    smsLists = List.copyOf(smsLists);
    if (requestsPerSecond < 1) {
      throw new IllegalArgumentException("requestsPerSecond must be at least 1");
    }
  }

  /** The CRM the ids belong to: its API origin, as the link table names it. */
  public String crmKey() {
    return (url.getScheme() + "://" + url.getAuthority()).toLowerCase(Locale.ROOT);
  }

  /** {@code https://acme.api-us1.com} opens as {@code https://acme.activehosted.com}. */
  static URI defaultAppUrl(URI url) {
    String host = url.getHost();
    int dot = host == null ? -1 : host.indexOf(".api-");
    if (dot < 0) {
      return url;
    }
    return URI.create(url.getScheme() + "://" + host.substring(0, dot) + ".activehosted.com");
  }

  @Override
  public String toString() {
    return "ActiveCampaignSettings[url="
        + url
        + ", apiToken=(hidden), pipeline="
        + pipeline
        + ", stage="
        + stage
        + ", requestsPerSecond="
        + requestsPerSecond
        + ", timeout="
        + timeout
        + "]";
  }
}
