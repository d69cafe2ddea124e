package dev.smsinbox.domain;

/**
 * What a customer's whole-text keyword did: opted them out of SMS (STOP …), back in (START …) or
 * asked for help (HELP, INFO). The message stays in the conversation, marked with it.
 */
public enum KeywordEvent {
  OPT_OUT,
  OPT_IN,
  HELP
}
