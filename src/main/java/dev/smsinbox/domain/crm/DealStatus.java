package dev.smsinbox.domain.crm;

/** Whether a deal is still being worked on, won or lost. */
public enum DealStatus {
  OPEN,
  WON,
  LOST
}
