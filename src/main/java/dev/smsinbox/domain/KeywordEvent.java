package dev.smsinbox.domain;

/**
 * What a customer's whole-text keyword did: opted them out of SMS (STOP …), back in (START …),
 * asked for help (HELP, INFO) or enrolled them in an automation by one of the account's keyword
 * rules (JOIN …). The message stays in the conversation, marked with it.
 */
public enum KeywordEvent {
  OPT_OUT,
  OPT_IN,
  HELP,
  /** A keyword rule of the account (issue 20): enrolled in the rule's automation. */
  ENROL
}
