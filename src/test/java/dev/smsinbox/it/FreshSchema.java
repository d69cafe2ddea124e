package dev.smsinbox.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Gives the black-box run on PostgreSQL a schema of its own, empty: run by the build before the
 * test server starts, so every run migrates from nothing, whatever earlier runs left behind.
 */
public final class FreshSchema {

  private FreshSchema() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String schema = args[2];
    if (!schema.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("Not a plain schema name: " + schema);
    }
    try (Connection db = DriverManager.getConnection(url, user, "");
        Statement sql = db.createStatement()) {
      sql.execute("drop schema if exists " + schema + " cascade");
      sql.execute("create schema " + schema);
    }
    System.out.println("PostgreSQL schema " + schema + " is fresh for the black-box tests");
  }
}
