package dev.smsinbox.sms;

/**
 * What the composer shows while the user types. It comes from the same segmentation that {@link
 * SmsComposer#split} uses for real submits, so the counters never disagree with what is sent.
 *
 * @param characters user-perceived length: Unicode code points (an emoji counts 1)
 * @param encoding the encoding the text will be sent with
 * @param segments how many submit_sm parts the text needs; 0 for the empty text
 * @param perSegment capacity of one part in units: 160 or 153 (GSM7 single or concatenated), 70 or
 *     67 (UCS2)
 * @param remainingInSegment units still free in the last part before another part is needed
 * @param units septets for GSM7 (extension characters count 2) or UTF-16 code units for UCS2
 */
public record SmsMeasure(
    int characters,
    SmsEncoding encoding,
    int segments,
    int perSegment,
    int remainingInSegment,
    int units) {}
