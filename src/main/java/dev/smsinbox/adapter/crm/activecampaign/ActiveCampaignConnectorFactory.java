package dev.smsinbox.adapter.crm.activecampaign;

import dev.smsinbox.application.port.ConfigScope;
import dev.smsinbox.application.port.CrmConnector;
import dev.smsinbox.application.port.CrmConnectorFactory;
import dev.smsinbox.application.port.ExtensionContext;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Makes the {@link ActiveCampaignConnector} ({@code crm.connector=activecampaign}). Its settings,
 * under {@code crm.activecampaign.*} (env {@code CRM_ACTIVECAMPAIGN_*}):
 *
 * <ul>
 *   <li>{@code url} (required): the account's API address, {@code https://<account>.api-us1.com}
 *   <li>{@code api-token} (required): sent as the Api-Token header; never logged nor shown
 *   <li>{@code app-url}: where the profile link opens the contact (default the account's {@code
 *       https://<account>.activehosted.com})
 *   <li>{@code pipeline}, {@code stage}, {@code deal-owner}: new deals' pipeline, default stage and
 *       owner (ids, default 1, 1, 1); a deal's stage name picks the pipeline's stage of that name
 *   <li>{@code sms-lists}: the names of the lists that are SMS lists (default every list)
 *   <li>{@code requests-per-second} (default 5), {@code timeout} (default PT10S), {@code
 *       max-retry-after} (default PT30S: a 429 asking for a longer pause fails the call)
 * </ul>
 *
 * A per-account factory builds {@link ActiveCampaignSettings} from the account's settings and calls
 * {@link ActiveCampaignConnector}'s constructor the same way.
 */
public class ActiveCampaignConnectorFactory implements CrmConnectorFactory {

  public static final String ID = "activecampaign";

  private static final Logger LOG =
      Logger.getLogger(ActiveCampaignConnectorFactory.class.getName());

  private ActiveCampaignSettings settings;

  /**
   * One wire, and so one pace of 5 requests a second, per ActiveCampaign account: the inbox makes a
   * connector for each of its own accounts, and those configured with the same CRM share it.
   */
  private final Map<ActiveCampaignSettings, ActiveCampaignApi> apis = new ConcurrentHashMap<>();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void init(ConfigScope config) {
    settings = settings(config);
  }

  /** Reads and checks {@code crm.activecampaign.*}, naming the setting that is wrong. */
  public static ActiveCampaignSettings settings(ConfigScope config) {
    URI url = url(config, "url");
    String token =
        config
            .get("api-token")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Setting "
                            + config.describe("api-token")
                            + " is required: the API token of Settings > Developer in"
                            + " ActiveCampaign"));
    URI appUrl =
        config.get("app-url").isPresent()
            ? url(config, "app-url")
            : ActiveCampaignSettings.defaultAppUrl(url);
    int perSecond;
    String rate = config.get("requests-per-second", "5");
    try {
      perSecond = Integer.parseInt(rate);
    } catch (NumberFormatException e) {
      perSecond = 0;
    }
    if (perSecond < 1) {
      throw new IllegalStateException(
          "Setting "
              + config.describe("requests-per-second")
              + " must be a whole number of 1 or more, not '"
              + rate
              + "'");
    }
    return new ActiveCampaignSettings(
        url,
        token,
        appUrl,
        config.get("pipeline", "1"),
        config.get("stage", "1"),
        config.get("deal-owner", "1"),
        config.getList("sms-lists", ""),
        perSecond,
        config.duration("timeout", Duration.ofSeconds(10)),
        config.duration("max-retry-after", Duration.ofSeconds(30)));
  }

  private static URI url(ConfigScope config, String key) {
    String value =
        config
            .get(key)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Setting "
                            + config.describe(key)
                            + " is required: the account's API address, such as"
                            + " https://youraccount.api-us1.com"));
    try {
      URI uri = URI.create(value.strip());
      if (uri.getHost() == null
          || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("not an http(s) address");
      }
      String path = uri.getPath() == null ? "" : uri.getPath();
      if (path.endsWith("/api/3") || path.endsWith("/api/3/")) {
        uri = URI.create(value.strip().replaceFirst("/api/3/?$", ""));
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "Setting "
              + config.describe(key)
              + " must be an http(s) address such as https://youraccount.api-us1.com, not '"
              + value
              + "'");
    }
  }

  @Override
  public CrmConnector create(ExtensionContext inbox) {
    ActiveCampaignSettings made = settings;
    LOG.info(
        () ->
            "CRM connector 'activecampaign' for account "
                + inbox.accountId()
                + ": "
                + made.url()
                + ", at most "
                + made.requestsPerSecond()
                + " requests a second, time-out "
                + made.timeout()
                + ", deals to pipeline "
                + made.pipeline()
                + " (API token set, not shown)");
    return new ActiveCampaignConnector(
        made, apis.computeIfAbsent(made, ActiveCampaignApi::new), inbox);
  }
}
