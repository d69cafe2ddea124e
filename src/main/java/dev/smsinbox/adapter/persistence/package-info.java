/**
 * JDBC repositories over the schema Flyway owns (src/main/resources/db/migration). Plain SQL that
 * runs on H2 and PostgreSQL alike; every statement joins the unit of work bound to the thread.
 */
package dev.smsinbox.adapter.persistence;
