package dev.smsinbox.adapter.rest.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smsinbox.it.HostCrmTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A server outside the demo run that could not check tokens does not start, and says why. */
class SignInSettingsTest {

  private final Map<String, String> values = new HashMap<>();

  private SignInSettings read() {
    return SignInSettings.from(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void withAnIssuerTheAudienceIsRequired() {
    values.put("auth.jwt.issuer", "https://crm.example");
    values.put("auth.jwt.public-key", pem());
    assertThatThrownBy(this::read).hasMessageStartingWith("AUTH_JWT_AUDIENCE is not set");
  }

  @Test
  void withAnIssuerAKeyIsRequired() {
    values.put("auth.jwt.issuer", "https://crm.example");
    values.put("auth.jwt.audience", "sms-inbox");
    assertThatThrownBy(this::read).hasMessageStartingWith("AUTH_JWT_PUBLIC_KEY is not set");
  }

  @Test
  void aKeyThatIsNoKeyIsNamed() {
    values.put("auth.jwt.issuer", "https://crm.example");
    values.put("auth.jwt.audience", "sms-inbox");
    values.put("auth.jwt.public-key", "/nowhere/crm.pem");
    assertThatThrownBy(this::read)
        .hasMessageContaining("AUTH_JWT_PUBLIC_KEY")
        .hasMessageContaining("/nowhere/crm.pem");
  }

  @Test
  void outsideTheDemoRunThereAreNoDemoUsersNorDemoCrm() {
    values.put("auth.jwt.issuer", "https://crm.example");
    values.put("auth.jwt.audience", "sms-inbox");
    values.put("auth.jwt.public-key", pem().replace("\n", "\\n"));
    values.put("admin.password", "admin");

    SignInSettings settings = read();
    assertThat(settings.demoRun()).isFalse();
    assertThat(settings.demoUsers()).isEmpty();
    assertThat(settings.demoCrm()).isFalse();
    assertThat(settings.host()).isPresent();
  }

  @Test
  void theDemoRunHasDemoUsersAndTheDemoCrm() {
    values.put("admin.password", "admin");
    values.put("agent.password", "agent");

    SignInSettings settings = read();
    assertThat(settings.demoRun()).isTrue();
    assertThat(settings.demoUsers()).containsOnlyKeys("admin", "agent");
    assertThat(settings.demoCrm()).isTrue();
    assertThat(settings.defaultAccount()).isEqualTo("default");
  }

  @Test
  void aServerFromThePackageWithoutAnIssuerDoesNotStart() {
    assertThatThrownBy(this::read).hasMessageContaining("Set AUTH_JWT_ISSUER");
  }

  @Test
  void allowedOriginsMustBeOrigins() {
    values.put("admin.password", "admin");
    values.put("auth.allowed-origins", "https://crm.example.com, https://crm.example.com/app");
    assertThatThrownBy(this::read)
        .hasMessageContaining("AUTH_ALLOWED_ORIGINS")
        .hasMessageContaining("'https://crm.example.com/app' is not an origin");

    values.put("auth.allowed-origins", "https://CRM.example.com http://localhost:8080");
    assertThat(read().allowedOrigins())
        .containsExactly("https://crm.example.com", "http://localhost:8080");
  }

  private static String pem() {
    return new HostCrmTokens(HostCrmTokens.newKeyPair()).publicKeyPem();
  }
}
