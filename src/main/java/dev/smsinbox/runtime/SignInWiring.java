package dev.smsinbox.runtime;

import dev.smsinbox.adapter.rest.signin.SignIn;
import dev.smsinbox.adapter.rest.signin.SignInSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the sign-in from its settings; the start-up asks for it first, so bad settings stop it.
 */
@ApplicationScoped
public class SignInWiring {

  @Inject InboxConfig config;
  @Inject Clock clock;

  @Produces
  @Singleton
  SignIn signIn() {
    return new SignIn(SignInSettings.from(config::withDemoDefaults), clock);
  }
}
