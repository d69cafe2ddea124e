package dev.smsinbox.domain.crm;

/** What the contact panel can do with a contact; a plan allows some of them. */
public enum PanelAction {
  TAGS("Tags"),
  ACCOUNT("Accounts"),
  LISTS("SMS lists"),
  AUTOMATIONS("Automations"),
  DEALS("Deals");

  private final String displayName;

  PanelAction(String displayName) {
    this.displayName = displayName;
  }

  /** Plural, as a sentence starts with it: "Deals are not available …". */
  public String displayName() {
    return displayName;
  }
}
