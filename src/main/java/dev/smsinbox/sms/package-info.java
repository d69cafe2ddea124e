/**
 * The text of an SMS: GSM 03.38 / UCS-2 encoding, segmentation, concatenation headers and inbound
 * decoding.
 *
 * <p>Rule: this package is pure Java (no Camel, jSMPP, CDI or JAX-RS imports) and it is the only
 * SMS text codec of the product. The composer's live counters, the submit_sm parts, inbound
 * decoding and the built-in SMSC simulator all call it, so what the user is shown is what the
 * carrier is sent. Do not encode, count or split SMS text anywhere else.
 */
package dev.smsinbox.sms;
