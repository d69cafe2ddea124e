/**
 * Sign-in (CONTRACT.md, "Sign-in from the host CRM"): the host CRM's RS256 tokens (one PEM key or
 * its JWKS endpoint), the launch into its iframe and the session cookie it starts, the demo run's
 * users and demo CRM. {@code SignInFilter} establishes the caller of every request once; {@code
 * CurrentCaller} is where resources ask who it is. A refused token answers 401 problem+json naming
 * the check it failed.
 *
 * <p>Rule: part of the REST room (the web side of the inbox); it knows the application's {@code
 * Caller} and nothing of the other adapters.
 */
package dev.smsinbox.adapter.rest.signin;
