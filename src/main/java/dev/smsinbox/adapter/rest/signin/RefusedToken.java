package dev.smsinbox.adapter.rest.signin;

/**
 * A token the inbox does not accept, and the one check it failed. The check's name is what the host
 * CRM's developers read in the 401's detail (CONTRACT.md: signature, issuer, audience, expired, no
 * account), so it is part of the contract.
 */
public final class RefusedToken extends Exception {

  /** The checks a token goes through, in the words the 401 uses. */
  public enum Check {
    FORMAT("format"),
    SIGNATURE("signature"),
    ISSUER("issuer"),
    AUDIENCE("audience"),
    EXPIRED("expired"),
    NOT_YET_VALID("not yet valid"),
    NO_SUBJECT("no subject"),
    NO_ACCOUNT("no account"),
    PLAN("plan");

    private final String words;

    Check(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  private final Check check;

  public RefusedToken(Check check, String why) {
    super("Token refused (" + check.words() + "): " + why);
    this.check = check;
  }

  public Check check() {
    return check;
  }
}
