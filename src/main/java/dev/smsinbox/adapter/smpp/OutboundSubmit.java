package dev.smsinbox.adapter.smpp;

import dev.smsinbox.sms.SmsPart;

/** The body of an exchange sent to the submit route: one part, from our number to a customer. */
public record OutboundSubmit(SmsPart part, String from, String to) {}
