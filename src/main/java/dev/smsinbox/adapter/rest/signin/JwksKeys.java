package dev.smsinbox.adapter.rest.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The host CRM's keys from its JWKS endpoint, cached. A token with a kid we do not hold makes us
 * fetch the set again (the CRM rotated its key), at most once per {@link #MIN_REFETCH}, so a stream
 * of made-up kids cannot make us hammer the CRM. The set is also refetched when older than {@link
 * #MAX_AGE}, so a key the CRM withdrew stops working. While the endpoint is down, keys we hold keep
 * working; a token with an unknown kid gets {@link KeysUnavailable} (503: we cannot tell whether it
 * is genuine), never a 401 that would send the person to sign in again.
 */
final class JwksKeys implements HostKeys {

  static final Duration MIN_REFETCH = Duration.ofSeconds(10);
  static final Duration MAX_AGE = Duration.ofMinutes(10);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI url;
  private final Clock clock;
  private final HttpClient http;

  private volatile Map<String, RSAPublicKey> keys = Map.of();
  private volatile List<RSAPublicKey> all = List.of();
  private Instant fetchedAt = Instant.MIN;
  private Instant triedAt = Instant.MIN;
  private boolean lastFetchFailed;

  JwksKeys(URI url, Clock clock) {
    this.url = url;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  @Override
  public RSAPublicKey find(String keyId) throws RefusedToken, KeysUnavailable {
    Instant now = clock.instant();
    synchronized (this) {
      if (fetchedAt.plus(MAX_AGE).isBefore(now) && triedAt.plus(MIN_REFETCH).isBefore(now)) {
        tryFetch(now); // a failure keeps the keys we have
      }
    }
    RSAPublicKey known = pick(keyId);
    if (known != null) {
      return known;
    }
    synchronized (this) {
      known = pick(keyId);
      if (known == null && triedAt.plus(MIN_REFETCH).isBefore(now)) {
        tryFetch(now);
        known = pick(keyId);
      }
      if (known != null) {
        return known;
      }
      if (lastFetchFailed) {
        throw new KeysUnavailable(
            "The token is signed with a key ("
                + (keyId == null ? "no kid" : "kid " + keyId)
                + ") this server does not hold yet, and the CRM's key set at "
                + url
                + " cannot be fetched right now; try again in a few seconds.",
            null);
      }
    }
    throw new RefusedToken(
        RefusedToken.Check.SIGNATURE,
        keyId == null
            ? "the token names no key (kid) and the CRM's key set holds "
                + all.size()
                + " signing keys"
            : "it is signed with a key (kid " + keyId + ") that the CRM's key set does not hold");
  }

  private RSAPublicKey pick(String keyId) {
    if (keyId != null) {
      return keys.get(keyId);
    }
    List<RSAPublicKey> current = all;
    return current.size() == 1 ? current.get(0) : null;
  }

  private void tryFetch(Instant now) {
    triedAt = now;
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      List<RSAKey> rsa =
          JWKSet.parse(response.body()).getKeys().stream()
              .filter(k -> k instanceof RSAKey)
              .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
              .map(k -> (RSAKey) k)
              .toList();
      List<RSAPublicKey> publicKeys = new java.util.ArrayList<>();
      for (RSAKey key : rsa) {
        publicKeys.add(key.toRSAPublicKey());
      }
      keys =
          rsa.stream()
              .filter(k -> k.getKeyID() != null)
              .collect(Collectors.toUnmodifiableMap(JWK::getKeyID, toPublic(), (a, b) -> a));
      all = List.copyOf(publicKeys);
      fetchedAt = now;
      lastFetchFailed = false;
    } catch (IOException | ParseException | JOSEException e) {
      lastFetchFailed = true;
      java.util.logging.Logger.getLogger(JwksKeys.class.getName())
          .warning(() -> "Cannot fetch the CRM's key set from " + url + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lastFetchFailed = true;
    }
  }

  private static Function<RSAKey, RSAPublicKey> toPublic() {
    return k -> {
      try {
        return k.toRSAPublicKey();
      } catch (JOSEException e) {
        throw new IllegalArgumentException(e);
      }
    };
  }
}
