package dev.smsinbox.application.keywords;

import dev.smsinbox.domain.KeywordEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keywords and the replies to them, per country of the sender number the customer texted (US, GB
 * and AU have defaults that follow their carriers' wording). Each setting is looked up as {@code
 * key.CC}, then {@code key}, then the built-in default for the country, then the US default:
 *
 * <ul>
 *   <li>{@code optout.keywords.stop}, {@code optout.keywords.start}, {@code optout.keywords.help}:
 *       comma-separated words
 *   <li>{@code optout.reply.stop}, {@code optout.reply.start}: the confirmation texts
 *   <li>{@code optout.help.text}: the answer to HELP / INFO
 * </ul>
 */
public final class KeywordSettings {

  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry(
              "optout.reply.stop.US",
              "You are unsubscribed and will receive no more messages from us. Reply START to"
                  + " resubscribe."),
          Map.entry(
              "optout.reply.start.US",
              "You are subscribed again to our text messages. Reply HELP for help, STOP to"
                  + " unsubscribe. Msg&data rates may apply."),
          Map.entry(
              "optout.help.text.US",
              "Reply STOP to unsubscribe, START to resubscribe. Msg&data rates may apply. For"
                  + " anything else, just reply here."),
          Map.entry(
              "optout.reply.stop.GB",
              "You've been opted out and won't receive further texts from us. Text START to opt"
                  + " back in."),
          Map.entry(
              "optout.reply.start.GB",
              "You've opted back in to our texts. Text STOP at any time to opt out."),
          Map.entry(
              "optout.help.text.GB",
              "Text STOP to opt out, START to opt back in. Standard network rates apply."),
          Map.entry(
              "optout.reply.stop.AU",
              "You've been unsubscribed and won't receive more SMS from us. Reply START to opt"
                  + " back in."),
          Map.entry(
              "optout.reply.start.AU",
              "You're subscribed again to our SMS. Reply STOP at any time to opt out."),
          Map.entry(
              "optout.help.text.AU",
              "Reply STOP to opt out, START to opt back in. Standard carrier charges apply."));

  private final Function<String, Optional<String>> config;
  private final Map<String, OptOutKeywords> keywords = new ConcurrentHashMap<>();

  /**
   * @param config the value of a setting, if set
   */
  public KeywordSettings(Function<String, Optional<String>> config) {
    this.config = config;
  }

  public OptOutKeywords keywordsFor(String country) {
    String cc = country(country);
    return keywords.computeIfAbsent(
        cc,
        c ->
            new OptOutKeywords(
                words("optout.keywords.stop", c, OptOutKeywords.DEFAULT_STOP),
                words("optout.keywords.start", c, OptOutKeywords.DEFAULT_START),
                words("optout.keywords.help", c, OptOutKeywords.DEFAULT_HELP)));
  }

  /** The text sent back when a customer texts a keyword of this kind. */
  public String reply(KeywordEvent event, String country) {
    String key =
        switch (event) {
          case OPT_OUT -> "optout.reply.stop";
          case OPT_IN -> "optout.reply.start";
          case HELP -> "optout.help.text";
          case ENROL ->
              throw new IllegalArgumentException("A keyword rule's reply is the rule's own");
        };
    String cc = country(country);
    return config
        .apply(key + "." + cc)
        .or(() -> config.apply(key))
        .or(() -> Optional.ofNullable(DEFAULTS.get(key + "." + cc)))
        .orElseGet(() -> DEFAULTS.get(key + ".US"));
  }

  private List<String> words(String key, String country, List<String> defaults) {
    return config
        .apply(key + "." + country)
        .or(() -> config.apply(key))
        .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(w -> !w.isEmpty()))
        .map(s -> s.toList())
        .orElse(defaults);
  }

  private static String country(String country) {
    return country == null ? "US" : country.toUpperCase(Locale.ROOT);
  }
}
