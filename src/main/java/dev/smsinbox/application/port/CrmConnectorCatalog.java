package dev.smsinbox.application.port;

import dev.smsinbox.domain.crm.CrmSettings;
import java.util.List;

/**
 * The CRM connectors this deployment has (ServiceLoader finds them), for an account choosing its
 * own: which there are, whether settings are complete, and forgetting an account's connector once
 * its settings change.
 */
public interface CrmConnectorCatalog {

  /** The connectors' ids, e.g. {@code activecampaign, embedded}. */
  List<String> ids();

  /** The deployment's connector (CRM_CONNECTOR), which an account without its own uses. */
  String deploymentDefault();

  /**
   * Has the connector read the settings as it would for an account.
   *
   * @throws IllegalStateException naming the setting that is missing or wrong
   */
  void check(CrmSettings settings);

  /** The account's settings changed: its next call gets a connector made from them. */
  void changed(String accountId);
}
