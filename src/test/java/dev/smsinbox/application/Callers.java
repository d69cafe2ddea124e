package dev.smsinbox.application;

import java.util.Optional;
import java.util.Set;

/** Callers for tests that call use cases directly, as the web layer would establish them. */
public final class Callers {

  public static final String ACCOUNT = "default";

  private Callers() {}

  public static Caller admin() {
    return admin(ACCOUNT);
  }

  public static Caller admin(String account) {
    return new Caller("admin", "admin", null, account, Set.of(Caller.ADMIN), Optional.empty());
  }

  public static Caller crm() {
    return crm(ACCOUNT);
  }

  public static Caller crm(String account) {
    return new Caller("crm", "crm", null, account, Set.of(Caller.CRM_SERVICE), Optional.empty());
  }
}
