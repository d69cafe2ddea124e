/**
 * JDBC support every JDBC adapter uses: the unit of work that binds a transaction to the thread
 * (and knows which database it talks to), {@link dev.smsinbox.adapter.jdbc.Sql} for statements on
 * its connection, and {@link dev.smsinbox.adapter.jdbc.StorageFailure} for a database's refusal.
 * The persistence repositories and the embedded CRM connector share it, so their statements join
 * the same transaction. It knows no adapter, no use case and not the runtime (enforced by an
 * ArchUnit test); of the application it knows only the UnitOfWork port it implements.
 */
package dev.smsinbox.adapter.jdbc;
