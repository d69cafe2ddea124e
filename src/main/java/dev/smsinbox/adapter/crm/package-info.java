/**
 * CrmConnector implementations, each made by a CrmConnectorFactory chosen by its id in {@code
 * crm.connector} and listed in {@code
 * META-INF/services/dev.smsinbox.application.port.CrmConnectorFactory}. The embedded one keeps the
 * CRM's data in our own tables (Flyway V4), so the inbox works standalone; its statements join the
 * caller's unit of work through the JDBC support ({@link dev.smsinbox.adapter.jdbc.Sql}) the
 * persistence repositories use too.
 */
package dev.smsinbox.adapter.crm;
