package dev.smsinbox.application.port;

/**
 * The CRM connectors' extension point: {@code crm.connector} names a factory by its id, its
 * settings are {@code crm.<id>.*}, and it is listed in {@code
 * META-INF/services/dev.smsinbox.application.port.CrmConnectorFactory}. {@link #create} runs after
 * the database migration.
 */
public interface CrmConnectorFactory extends ExtensionFactory<CrmConnector> {}
