package dev.smsinbox.domain.crm;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The CRM subscription the inbox runs under (F9). Accounts and deals are CRM features that the
 * Starter plan does not include; everything else is on every plan.
 */
public enum Plan {
  STARTER("Starter", EnumSet.of(PanelAction.TAGS, PanelAction.LISTS, PanelAction.AUTOMATIONS)),
  PLUS("Plus", EnumSet.allOf(PanelAction.class)),
  PRO("Pro", EnumSet.allOf(PanelAction.class)),
  ENTERPRISE("Enterprise", EnumSet.allOf(PanelAction.class));

  private final String displayName;
  private final Set<PanelAction> allowed;

  Plan(String displayName, Set<PanelAction> allowed) {
    this.displayName = displayName;
    this.allowed = allowed;
  }

  public String displayName() {
    return displayName;
  }

  public boolean allows(PanelAction action) {
    return allowed.contains(action);
  }

  /** The plans that include {@code action}, cheapest first: what to upgrade to. */
  public static List<Plan> including(PanelAction action) {
    return Arrays.stream(values()).filter(p -> p.allows(action)).toList();
  }
}
