package dev.smsinbox.adapter.rest.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smsinbox.application.Caller;
import dev.smsinbox.domain.crm.Plan;
import dev.smsinbox.it.HostCrmTokens;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a host CRM's developer sees when a token is refused, and who a good token signs in. */
class TokenVerifierTest {

  private final HostCrmTokens crm = new HostCrmTokens(HostCrmTokens.newKeyPair());
  private final TokenVerifier verifier =
      new TokenVerifier(
          List.of(
              new TokenVerifier.Issuer(
                  HostCrmTokens.ISSUER, HostCrmTokens.AUDIENCE, HostKeys.pem(crm.publicKey()))),
          "admin",
          "account",
          Clock.systemUTC());

  @Test
  void aGoodTokenSignsInThePersonOfItsAccount() throws Exception {
    TokenVerifier.Verified verified =
        verifier.verify(
            crm.admin()
                .set("groups", List.of("admin", "crm-service"))
                .set("plan", "starter")
                .sign());

    Caller caller = verified.caller();
    assertThat(caller.id()).isEqualTo("crm-user-7");
    assertThat(caller.name()).isEqualTo("Dana Admin");
    assertThat(caller.email()).isEqualTo("dana@acme.example");
    assertThat(caller.accountId()).isEqualTo("acme");
    assertThat(caller.roles()).containsExactlyInAnyOrder("admin", "crm-service");
    assertThat(caller.plan()).contains(Plan.STARTER);
    assertThat(verified.expires()).isAfter(java.time.Instant.now());
  }

  @Test
  void withoutTheAdminGroupThePersonIsNoAdministrator() throws Exception {
    Caller caller = verifier.verify(crm.admin().set("groups", List.of("sales")).sign()).caller();
    assertThat(caller.roles()).isEmpty();
    assertThat(caller.plan()).isEqualTo(Optional.empty());
  }

  @Test
  void anotherAdminGroupCanBeConfigured() throws Exception {
    TokenVerifier custom =
        new TokenVerifier(
            List.of(
                new TokenVerifier.Issuer(
                    HostCrmTokens.ISSUER, HostCrmTokens.AUDIENCE, HostKeys.pem(crm.publicKey()))),
            "inbox-admins",
            "tenant",
            Clock.systemUTC());
    Caller caller =
        custom
            .verify(
                crm.admin()
                    .set("groups", "inbox-admins")
                    .without("account")
                    .set("tenant", 42)
                    .sign())
            .caller();
    assertThat(caller.roles()).isEqualTo(Set.of("admin"));
    assertThat(caller.accountId()).isEqualTo("42");
  }

  @Test
  void aTokenSignedWithAnotherKeyFailsTheSignatureCheck() {
    var other = (RSAPrivateKey) HostCrmTokens.newKeyPair().getPrivate();
    refused(crm.admin().signWith(other), "signature", "does not match");
  }

  @Test
  void anUnsignedTokenFailsTheSignatureCheck() {
    refused(crm.admin().unsigned(), "signature", "alg none");
  }

  @Test
  void hs256WithThePublicKeyAsSecretFailsTheSignatureCheck() {
    refused(crm.admin().hs256WithThePublicKey(), "signature", "HS256");
  }

  @Test
  void anotherIssuerFailsTheIssuerCheck() {
    refused(crm.admin().set("iss", "https://evil.example").sign(), "issuer", "evil.example");
  }

  @Test
  void anotherAudienceFailsTheAudienceCheck() {
    refused(crm.admin().set("aud", "another-app").sign(), "audience", HostCrmTokens.AUDIENCE);
  }

  @Test
  void anExpiredTokenFailsTheExpiryCheckAfterTheSkew() throws Exception {
    refused(crm.admin().expiresIn(Duration.ofSeconds(-90)).sign(), "expired", "expired at");
    refused(crm.admin().without("exp").sign(), "expired", "no exp");
    // Within the 60 s of skew a clock a little behind the CRM's still accepts it.
    verifier.verify(crm.admin().expiresIn(Duration.ofSeconds(-30)).sign());
  }

  @Test
  void aTokenWithoutAccountFailsTheAccountCheck() {
    refused(crm.admin().without("account").sign(), "no account", "'account' claim");
  }

  @Test
  void anUnknownPlanIsRefusedNotIgnored() {
    refused(crm.admin().set("plan", "GOLD").sign(), "plan", "GOLD");
  }

  @Test
  void garbageIsNoToken() {
    refused("not-a-token", "format", "not a JWT");
  }

  private void refused(String token, String check, String detail) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(RefusedToken.class)
        .hasMessageStartingWith("Token refused (" + check + ")")
        .hasMessageContaining(detail)
        .satisfies(e -> assertThat(((RefusedToken) e).check().words()).isEqualTo(check));
  }
}
