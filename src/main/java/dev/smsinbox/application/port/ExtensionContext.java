package dev.smsinbox.application.port;

import java.time.Clock;

/**
 * What the inbox lends the extensions it creates (Keycloak's session, in small): an extension that
 * needs nothing of it may ignore it.
 */
public interface ExtensionContext {

  Clock clock();

  /**
   * The CRM account (tenant) the extension is made for: a CRM connector is made once per account
   * and keeps to that account's data. Null for an extension that serves every account.
   */
  String accountId();

  /** The inbox's transactions; an extension's calls already run inside the caller's. */
  UnitOfWork unitOfWork();

  /**
   * The running unit of work's own handle of that type, for an extension that keeps its data in the
   * inbox's database and so joins the caller's transaction: the JDBC unit of work ({@code
   * dev.smsinbox.adapter.jdbc.JdbcUnitOfWork}) with the inbox's database. Ask for it inside a unit
   * of work, at each use.
   *
   * @throws IllegalArgumentException when the unit of work has nothing of that type
   * @throws IllegalStateException when no unit of work is running
   */
  <R> R transactionResource(Class<R> type);
}
