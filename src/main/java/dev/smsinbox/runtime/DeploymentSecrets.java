package dev.smsinbox.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The secrets a server outside the demo run must be given: it does not start without them, and says
 * which one is missing, rather than binding to the carrier with an empty password or calling an AI
 * endpoint with none. The sign-in's own settings are checked before this ({@code SignInSettings});
 * the demo run needs none of these (its simulator accepts any password).
 */
final class DeploymentSecrets {

  private DeploymentSecrets() {}

  static void check(InboxConfig config) {
    if (config.demoRun()) {
      return;
    }
    List<String> missing = new ArrayList<>();
    boolean simulator =
        Boolean.parseBoolean(config.withDemoDefaults("smpp.simulator.enabled").orElse("false"));
    if (!simulator && config.optional("smpp.password").isEmpty()) {
      missing.add("SMPP_PASSWORD (the carrier's bind password for SMPP_SYSTEM_ID)");
    }
    if ("openai".equals(config.get("ai.provider", "embedded").toLowerCase(Locale.ROOT))
        && config.optional("ai.openai.api-key").isEmpty()) {
      missing.add("AI_OPENAI_API_KEY (AI_PROVIDER is openai)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Missing secret: "
              + String.join(", ", missing)
              + ". This server is outside the demo run (it runs from the package, or"
              + " AUTH_JWT_ISSUER is set), where secrets have no default: set "
              + (missing.size() == 1 ? "it" : "them")
              + " as environment variables.");
    }
  }
}
